package io.litewatch.inventory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What two complete passes tell about deletions between them: Litestream's retention
 * removes whole generations, and snapshots and WAL below the oldest snapshot it keeps.
 * WAL segments written meanwhile are known by key (after the earlier pass's last key), so
 * the removed count is exact: {@code before − (now − new)}.
 *
 * @param noticedAt when the later pass completed
 */
public record RetentionDeletion(Instant noticedAt, long walSegments, int snapshots, List<String> generations) {

	public RetentionDeletion {
		generations = List.copyOf(generations);
	}

	static RetentionDeletion between(InventoryFigures before, List<GenerationTally> now, Instant noticedAt) {
		long segments = 0;
		int snapshots = 0;
		List<String> gone = new ArrayList<>();
		for (GenerationTally old : before.generations()) {
			GenerationTally current = now.stream().filter(g -> g.id().equals(old.id())).findFirst().orElse(null);
			if (current == null) {
				gone.add(old.id());
				segments += old.walSegments();
				snapshots += old.snapshotCount();
				continue;
			}
			segments += Math.max(0, old.walSegments() - (current.walSegments() - current.newSinceLastPass()));
			Set<Long> kept = new HashSet<>();
			current.snapshots().forEach(s -> kept.add(s.index()));
			snapshots += (int) old.snapshots().stream().filter(s -> !kept.contains(s.index())).count();
		}
		return new RetentionDeletion(noticedAt, segments, snapshots, gone);
	}

	public boolean any() {
		return walSegments > 0 || snapshots > 0 || !generations.isEmpty();
	}

}
