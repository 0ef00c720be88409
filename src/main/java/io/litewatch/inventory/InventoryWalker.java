package io.litewatch.inventory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

import io.litewatch.s3.ReplicaKeys;
import io.litewatch.s3.S3Errors;
import io.litewatch.s3.S3ListingException;
import io.litewatch.s3.S3Location;
import io.litewatch.s3.SnapshotObject;
import io.litewatch.s3.WalSegment;

/**
 * Walks one replica's keys a step at a time, a step being one LIST page (the generation
 * ids and a generation's snapshots are one page each in practice). WAL pages continue
 * with {@code StartAfter} the last key rather than the SDK paginator's continuation
 * token, because the position must survive a restart and a token is opaque and may
 * expire.
 */
class InventoryWalker {

	private final S3Client s3;

	private final S3Location location;

	InventoryWalker(S3Client s3, S3Location location) {
		this.s3 = s3;
		this.location = location;
	}

	/**
	 * Takes the next step of {@code pass}.
	 * @param previous the last complete pass, to tell new segments from old; may be null
	 */
	InventoryPass step(InventoryPass pass, InventoryFigures previous) throws S3ListingException {
		try {
			if (!pass.generationsListed()) {
				return listGenerations(pass);
			}
			if (!pass.walking()) {
				return listSnapshots(pass);
			}
			return walkWal(pass, previous);
		}
		catch (SdkException e) {
			throw S3Errors.map(e, location);
		}
	}

	private InventoryPass listGenerations(InventoryPass pass) {
		List<String> ids = new ArrayList<>();
		int pages = 0;
		String token = null;
		do {
			ListObjectsV2Request.Builder b = request(location.prefix());
			if (token != null) {
				b.continuationToken(token);
			}
			ListObjectsV2Response page = s3.listObjectsV2(b.build());
			pages++;
			for (CommonPrefix cp : page.commonPrefixes()) {
				ReplicaKeys.generationOfCommonPrefix(location.prefix(), cp.prefix()).ifPresent(ids::add);
			}
			token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
		}
		while (token != null);
		return pass.withGenerations(ids, pages);
	}

	private InventoryPass listSnapshots(InventoryPass pass) {
		String id = pass.currentId();
		List<SnapshotMark> snapshots = new ArrayList<>();
		int pages = listSnapshots(id, snapshots);
		return pass.walking(GenerationTally.start(id).withSnapshots(snapshots), pages);
	}

	/**
	 * Lists a generation's snapshots into {@code snapshots}; returns the pages it took.
	 */
	private int listSnapshots(String id, List<SnapshotMark> snapshots) {
		String dir = ReplicaKeys.snapshotsPrefix(location.prefix(), id);
		int pages = 0;
		String after = null;
		boolean more;
		do {
			ListObjectsV2Request.Builder b = request(dir);
			if (after != null) {
				b.startAfter(after);
			}
			ListObjectsV2Response page = s3.listObjectsV2(b.build());
			pages++;
			for (S3Object o : page.contents()) {
				after = o.key();
				ReplicaKeys.snapshot(id, o.key().substring(dir.length()), size(o), o.lastModified())
					.map(s -> new SnapshotMark(s.index(), s.lastModified()))
					.ifPresent(snapshots::add);
			}
			more = Boolean.TRUE.equals(page.isTruncated()) && after != null;
		}
		while (more);
		return pages;
	}

	private InventoryPass walkWal(InventoryPass pass, InventoryFigures previous) {
		GenerationTally tally = pass.current();
		String dir = ReplicaKeys.walPrefix(location.prefix(), tally.id());
		String previousLast = previous == null ? null
				: previous.generation(tally.id()).map(GenerationTally::lastWalKey).orElse(null);
		ListObjectsV2Request.Builder b = request(dir);
		if (tally.lastWalKey() != null) {
			b.startAfter(tally.lastWalKey());
		}
		ListObjectsV2Response page = s3.listObjectsV2(b.build());
		String lastKey = null;
		for (S3Object o : page.contents()) {
			lastKey = o.key();
			Optional<WalSegment> segment = ReplicaKeys.wal(tally.id(), o.key().substring(dir.length()), size(o),
					o.lastModified());
			if (segment.isPresent()) {
				WalSegment s = segment.get();
				tally = tally.plusSegment(o.key(), s.index(), s.size(), s.lastModified(),
						previousLast == null || o.key().compareTo(previousLast) > 0);
			}
		}
		// A page of stray keys only (not Litestream's) still moves the walk on.
		boolean last = !Boolean.TRUE.equals(page.isTruncated()) || lastKey == null;
		if (!last && (tally.lastWalKey() == null || lastKey.compareTo(tally.lastWalKey()) > 0)) {
			tally = new GenerationTally(tally.id(), tally.snapshots(), tally.snapshotCount(), tally.walSegments(),
					tally.walBytes(), tally.firstWalIndex(), tally.lastWalIndex(), tally.oldestAt(), tally.newestAt(),
					tally.gaps(), tally.gapCount(), lastKey, tally.newSinceLastPass());
		}
		int spent = 1;
		if (last && tally.gapCount() > 0) {
			// Worth one more request: a gap may only be retention deleting meanwhile.
			List<SnapshotMark> again = new ArrayList<>();
			spent += listSnapshots(tally.id(), again);
			tally = tally.reconciled(again);
		}
		return pass.walked(tally, last, spent);
	}

	private ListObjectsV2Request.Builder request(String prefix) {
		// Delimiter as Litestream lists: anything below a further '/' is not
		// Litestream's.
		return ListObjectsV2Request.builder().bucket(location.bucket()).prefix(prefix).delimiter("/");
	}

	private static long size(S3Object o) {
		return o.size() == null ? 0 : o.size();
	}

}
