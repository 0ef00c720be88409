package io.litewatch.web;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.litewatch.time.GoDuration;
import io.litewatch.config.ReplicaConfig;
import io.litewatch.docker.ContainerState;
import io.litewatch.docker.EngineInfo;
import io.litewatch.config.LitestreamDialect;
import io.litewatch.health.DatabaseStatus;
import io.litewatch.health.DrillObservation;
import io.litewatch.health.DbFileState;
import io.litewatch.health.Finding;
import io.litewatch.health.HealthStatus;
import io.litewatch.health.Freshness;
import io.litewatch.health.GenerationState;
import io.litewatch.health.ReplicaStatus;
import io.litewatch.health.RestoreRange;
import io.litewatch.health.SnapshotState;
import io.litewatch.health.AccessoryState;
import io.litewatch.poll.ConfigState;
import io.litewatch.poll.PollResult;

/**
 * The documented shape of {@code GET /api/status}, also the page's model. Built from a
 * {@link PollResult} only; it names no credential, so none can leak. Times are ISO-8601
 * UTC strings, durations are seconds.
 */
public record StatusView(String status, Long sequence, String checkedAt, Long pollDurationMs, boolean polling,
		boolean stale, LitewatchView litewatch, List<FindingView> findings, ConfigView config, AccessoryView accessory,
		List<DatabaseView> databases) {

	/** This Litewatch: its version and the commit it was built from. */
	public record LitewatchView(String version, String commit) {

		static LitewatchView of(AppVersion version) {
			return new LitewatchView(version.version(), version.commit());
		}

	}

	/**
	 * @param stalled the POLL_STALLED finding when no poll completed for too long: the
	 * last result is then shown as stale and the whole status is critical
	 */
	static StatusView pending(boolean polling, Optional<Finding> stalled, AppVersion version) {
		return new StatusView(stalled.isPresent() ? HealthStatus.CRITICAL.label() : "pending", null, null, null,
				polling, stalled.isPresent(), LitewatchView.of(version), findingViews(stalled.stream().toList()), null,
				null, List.of());
	}

	static StatusView of(PollResult poll, boolean polling, Optional<Finding> stalled, AppVersion version) {
		List<Finding> findings = new ArrayList<>();
		stalled.ifPresent(findings::add);
		findings.addAll(poll.findings());
		HealthStatus status = stalled.isPresent() ? HealthStatus.CRITICAL : poll.status();
		return new StatusView(status.label(), poll.sequence(), text(poll.checkedAt()), poll.duration().toMillis(),
				polling, stalled.isPresent(), LitewatchView.of(version), findingViews(findings),
				ConfigView.of(poll.config()), AccessoryView.of(poll.accessory()),
				poll.databases().stream().map(DatabaseView::of).toList());
	}

	/**
	 * @param heldBy the cause this finding follows from, while that cause lasts; null
	 * when it counts on its own
	 */
	public record FindingView(String code, String severity, String message, String heldBy) {
	}

	public record ConfigView(String file, boolean valid, Integer errorLine, String error, String modifiedAt,
			boolean usingLastValid) {

		static ConfigView of(ConfigState config) {
			return new ConfigView(String.valueOf(config.file()), config.valid(),
					config.errorLine() > 0 ? config.errorLine() : null, config.error(), text(config.modifiedAt()),
					config.usingLastValid());
		}

	}

	public record AccessoryView(String container, String state, Boolean running, Integer restartCount, String startedAt,
			String finishedAt, Integer exitCode, String image, String litestreamVersion, String engineVersion,
			String engineApiVersion, String apiVersion, String error, String litestreamDialect) {

		static AccessoryView of(AccessoryState accessory) {
			ContainerState c = accessory.state();
			EngineInfo e = accessory.engine();
			return new AccessoryView(accessory.container(), c != null ? c.status() : null,
					c != null ? c.running() : null, c != null ? c.restartCount() : null,
					c != null ? text(c.startedAt()) : null, c != null ? text(c.finishedAt()) : null,
					c != null ? c.exitCode() : null, c != null ? c.image() : null, accessory.litestreamVersion(),
					e != null ? e.engineVersion() : null, e != null ? e.engineApiVersion() : null,
					e != null ? e.negotiatedApiVersion() : null, accessory.error(),
					LitestreamDialect.ofVersion(accessory.litestreamVersion())
						.map((r) -> r.dialect().label())
						.orElse(null));
		}

	}

	/**
	 * @param heldBy the installation-wide causes this database's state follows from (e.g.
	 * ACCESSORY_DOWN); empty when none
	 * @param drills the restore drills; null when they are off for the database
	 */
	public record DatabaseView(String name, String path, String status, List<String> heldBy, FileView file,
			List<FindingView> findings, LitestreamCliView litestream, List<ReplicaView> replicas, DrillsView drills) {

		static DatabaseView of(DatabaseStatus db) {
			return new DatabaseView(db.name(), db.path(), db.status().label(),
					db.heldBy().stream().map(Enum::name).toList(), FileView.of(db.file()), findingViews(db.findings()),
					LitestreamCliView.of(db), db.replicas().stream().map(ReplicaView::of).toList(),
					db.drills() != null ? DrillsView.of(db.drills()) : null);
		}

	}

	/**
	 * @param lastPassedAt since when every replica has passed a drill (the oldest of
	 * their last passes), or null while one has none
	 * @param nextDueAt when the schedule starts the next drill (in the past while another
	 * database's drill runs)
	 * @param last each replica's newest drill
	 */
	public record DrillsView(long intervalSeconds, long rpoThresholdSeconds, String lastPassedAt, String nextDueAt,
			List<DrillView> last) {

		static DrillsView of(DrillObservation drills) {
			return new DrillsView(drills.interval().toSeconds(), drills.rpoThreshold().toSeconds(),
					text(drills.lastPassed()), text(drills.nextDue()),
					drills.newest().stream().map(DrillView::of).toList());
		}

	}

	/**
	 * @param tookMs the restore of the latest state with its checks: the RTO to expect
	 * @param achievedRpoSeconds the live database's latest change against the restored
	 * data's newest point; null when unknown
	 * @param newestRowAt the restored data's own newest row time (Rails'
	 * {@code created_at}/{@code updated_at}), or null when it has none
	 * @param pointInTime the restore to a moment inside the listed window, or null
	 */
	public record DrillView(String replica, String startedAt, String outcome, long tookMs, long restoredBytes,
			Double achievedRpoSeconds, String newestRowAt, String message, PointInTimeView pointInTime) {

		static DrillView of(DrillObservation.ReplicaDrill d) {
			return new DrillView(d.replica(), text(d.startedAt()), d.outcome(), d.took().toMillis(), d.restoredBytes(),
					d.achievedRpo() != null ? d.achievedRpo().toMillis() / 1000.0 : null, text(d.newestRowAt()),
					d.failure(), d.pointOutcome() != null
							? new PointInTimeView(text(d.pointTarget()), d.pointOutcome(), d.pointFailure()) : null);
		}

	}

	public record PointInTimeView(String target, String outcome, String message) {
	}

	public record FileView(Boolean exists, Long size, String updatedAt, String error) {

		static FileView of(DbFileState file) {
			if (!file.known()) {
				return new FileView(null, null, null, file.error());
			}
			return new FileView(file.exists(), file.exists() ? file.size() : null, text(file.updatedAt()), null);
		}

	}

	/**
	 * What the accessory's own {@code litestream} commands said, for comparison with
	 * Litewatch's S3 view.
	 */
	public record LitestreamCliView(String snapshotsAt, int snapshotRows, String generationsAt, int generationRows,
			List<String> storageErrors, String execError) {

		static LitestreamCliView of(DatabaseStatus db) {
			var view = db.litestream();
			return new LitestreamCliView(text(view.snapshotsAt()), view.snapshots().size(), text(view.generationsAt()),
					view.generations().size(), view.storageErrors(), view.execError());
		}

	}

	public record ReplicaView(String name, String type, String location, String bucket, String path, String endpoint,
			String status, String generation, int generationCount, String generationStartedAt, Double lagSeconds,
			String lagSource, String lastSyncAt, String lastSnapshotAt, Double snapshotAgeSeconds, int snapshotCount,
			long walSegmentCount, long walBytes, RestoreWindowView restoreWindow, IntervalsView intervals,
			Integer s3Requests, InventoryView inventory, List<FindingView> findings, String layout, LtxView ltx) {

		static ReplicaView of(ReplicaStatus r) {
			ReplicaConfig c = r.config();
			RestoreRange restore = r.restore();
			RestoreWindowView window = restore.from() != null ? new RestoreWindowView(text(restore.from()),
					text(restore.to()), seconds(restore.window()), restore.basis()) : null;
			Freshness f = r.freshness();
			SnapshotState s = r.snapshots();
			GenerationState g = r.generations();
			return new ReplicaView(c.name(), c.type(), c.location(), c.bucket(), c.path(), c.endpoint(),
					r.status().label(), g != null ? g.current() : null, g != null ? g.count() : 0,
					g != null ? text(g.currentStartedAt()) : null, seconds(f.lag()), f.lagSource(),
					text(f.lastSyncAt()), text(s.newestAt()), seconds(s.newestAge()), s.count(),
					g != null ? g.walSegmentCount() : 0, g != null ? g.walBytes() : 0, window, IntervalsView.of(c),
					r.s3Requests(), InventoryView.of(r.inventory()), findingViews(r.findings()), r.layout(),
					LtxView.of(r.ltx()));
		}

	}

	/**
	 * @param basis what the window rests on: {@code snapshots} (the listing), or
	 * {@code inventory} (every WAL key walked, so the chain from the start is whole)
	 */
	public record RestoreWindowView(String from, String to, Double seconds, String basis) {
	}

	/**
	 * Configured intervals as written in Go form, and in seconds; null where disabled.
	 */
	public record IntervalsView(String sync, String snapshot, String retention, String retentionCheck,
			String validation, double syncSeconds, Double snapshotSeconds, Double retentionSeconds) {

		static IntervalsView of(ReplicaConfig c) {
			return new IntervalsView(GoDuration.format(c.syncInterval()), positive(c.snapshotInterval()),
					positive(c.retention()), positive(c.retentionCheckInterval()), positive(c.validationInterval()),
					seconds(c.syncInterval()),
					GoDuration.positive(c.snapshotInterval()) ? seconds(c.snapshotInterval()) : null,
					GoDuration.positive(c.retention()) ? seconds(c.retention()) : null);
		}

		private static String positive(Duration d) {
			return GoDuration.positive(d) ? GoDuration.format(d) : null;
		}

	}

	static List<FindingView> findingViews(List<Finding> findings) {
		return findings.stream()
			.map((f) -> new FindingView(f.code().name(), f.severity().name().toLowerCase(Locale.ROOT), f.message(),
					f.held() ? f.heldBy().name() : null))
			.toList();
	}

	static String text(Instant instant) {
		return instant != null ? instant.toString() : null;
	}

	static Double seconds(Duration d) {
		return d != null ? d.toMillis() / 1000.0 : null;
	}

}
