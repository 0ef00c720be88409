package io.litewatch.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes a {@link SyntheticReplica} straight into s3proxy's filesystem backend (a bucket
 * is a directory, an object a file, LastModified the file's mtime): much faster than
 * uploading through S3, which is not what is measured.
 */
final class ReplicaFiles {

	private static final int WRITERS = 4;

	private final SyntheticReplica replica;

	private final Path bucketDir;

	private long written;

	ReplicaFiles(SyntheticReplica replica, Path bucketDir) {
		this.replica = replica;
		this.bucketDir = bucketDir;
	}

	/** Snapshots and the initial segments, in parallel: a directory of small files. */
	void writeInitial() throws IOException, InterruptedException {
		Path wal = Files.createDirectories(bucketDir.resolve(replica.walPrefix()));
		Path snapshots = Files.createDirectories(bucketDir.resolve(replica.snapshotsPrefix()));
		for (long index : replica.snapshotIndexes()) {
			write(snapshots.resolve(replica.snapshotName(index)), SyntheticReplica.SNAPSHOT_SIZE,
					replica.snapshotTime(index));
		}
		long total = replica.initialSegments();
		ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
		try {
			List<Future<?>> parts = new ArrayList<>();
			for (int w = 0; w < WRITERS; w++) {
				long from = total * w / WRITERS;
				long to = total * (w + 1) / WRITERS;
				parts.add(pool.submit(() -> writeSegments(wal, from, to)));
			}
			for (Future<?> part : parts) {
				part.get();
			}
		}
		catch (ExecutionException ex) {
			throw new IOException("writing segments failed", ex.getCause());
		}
		finally {
			pool.shutdownNow();
		}
		synchronized (this) {
			written = total;
		}
	}

	/**
	 * Writes the segments a growing replica has gained by {@code now}, as Litestream
	 * would upload them; returns how many were added.
	 */
	synchronized long appendUpTo(Instant now) {
		long target = replica.segmentCount(now);
		long added = target - written;
		writeSegments(bucketDir.resolve(replica.walPrefix()), written, target);
		written = target;
		return added;
	}

	private void writeSegments(Path wal, long from, long to) {
		for (long s = from; s < to; s++) {
			write(wal.resolve(replica.walName(s)), SyntheticReplica.WAL_SIZE, replica.walTime(s));
		}
	}

	private static void write(Path file, long size, Instant modified) {
		try {
			Files.write(file, new byte[(int) size]);
			Files.setLastModifiedTime(file, FileTime.from(modified));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
