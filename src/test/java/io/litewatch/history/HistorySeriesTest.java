package io.litewatch.history;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.litewatch.health.HealthStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The pages' grouped reads on a real migrated SQLite file holding 30 days of 15 s polls
 * (172,800 rows per series): what comes back is bounded by the slots and the events, and
 * keeps the peak, the unknown poll and the hour Litewatch was stopped. Each check takes
 * the reads it checks, so that {@link PostgresHistoryIT} runs the same ones on the same
 * history in PostgreSQL.
 */
class HistorySeriesTest {

	static final Instant END = HistoryFixtures.T0;

	static final Instant FROM = END.minus(Duration.ofDays(30));

	static final Duration POLL = Duration.ofSeconds(15);

	static final Duration GAP = POLL.multipliedBy(3);

	static final int POLLS = 172_800;

	/** The one 500 s lag, the one poll that could not tell, the stopped hour. */
	static final int PEAK = 100_000;

	static final int UNKNOWN = 50_000;

	static final int STOP = 120_000;

	static final int STOPPED_POLLS = 240;

	@TempDir
	static Path dir;

	static HistorySeries sqlite;

	@BeforeAll
	static void thirtyDays() {
		DataSource dataSource = HistoryFixtures.migratedSqlite(dir.resolve("litewatch.db"));
		insert(dataSource);
		sqlite = new HistorySeries(JdbcClient.create(dataSource));
	}

	/** The same history for every database it runs on. */
	static void insert(DataSource dataSource) {
		SyntheticHistory.replicaSamples(dataSource, "production", "s3",
				SyntheticHistory.polls(FROM, END, POLL, (i, at) -> stopped(i) ? null : new SyntheticHistory.Sample(at,
						i == UNKNOWN ? null : (i == PEAK ? 500.0 : 1.0), 600.0 + (i % 240) * 15)));
		// The backup replica was added an hour ago and missed 10 minutes since.
		SyntheticHistory.replicaSamples(dataSource, "production", "backup",
				SyntheticHistory.polls(END.minus(Duration.ofHours(1)), END, POLL,
						(i, at) -> (i >= 100 && i < 140) ? null : new SyntheticHistory.Sample(at, 2.0, 30.0)));
		SyntheticHistory
			.databaseSamples(dataSource, "production",
					SyntheticHistory.polls(FROM, END, POLL,
							(i, at) -> stopped(i) ? null : new SyntheticHistory.Status(at, (i >= 150_000 && i < 150_020)
									? HealthStatus.WARNING
									: (i >= 160_000 && i < 160_004) ? HealthStatus.CRITICAL : HealthStatus.OK)));
	}

	static boolean stopped(int i) {
		return i >= STOP && i < STOP + STOPPED_POLLS;
	}

	static Instant poll(int i) {
		return FROM.plus(POLL.multipliedBy(i));
	}

	@Test
	void thirtyDaysOfPollsAreAtMost600SlotsThatKeepThePeak() {
		thirtyDaysOfPollsAreAtMost600SlotsThatKeepThePeak(sqlite);
	}

	@Test
	void slotsAreNumberedFromTheStartAndSpanTheirSamples() {
		slotsAreNumberedFromTheStartAndSpanTheirSamples(sqlite);
	}

	@Test
	void onlyTheSilencesComeBack() {
		onlyTheSilencesComeBack(sqlite);
	}

	@Test
	void statusChangesAreTheFirstEachChangeEachReturnAndTheNewest() {
		statusChangesAreTheFirstEachChangeEachReturnAndTheNewest(sqlite);
	}

	@Test
	void theOverviewReadsEveryReplicaInOneGroupedQuery() {
		theOverviewReadsEveryReplicaInOneGroupedQuery(sqlite);
	}

	/**
	 * Every check of this class, for {@link PostgresHistoryIT} to run on a database that
	 * {@link #insert} filled.
	 */
	static void all(HistorySeries series) {
		thirtyDaysOfPollsAreAtMost600SlotsThatKeepThePeak(series);
		slotsAreNumberedFromTheStartAndSpanTheirSamples(series);
		onlyTheSilencesComeBack(series);
		statusChangesAreTheFirstEachChangeEachReturnAndTheNewest(series);
		theOverviewReadsEveryReplicaInOneGroupedQuery(series);
	}

	/** What the database page reads for 30 days: 600 slots of 72 min. */
	static List<ReplicaSlot> thirtyDaySlots(HistorySeries series) {
		return series.replicaSlots("production", "s3", FROM, END, Duration.ofMillis(30L * 86_400_000 / 600 + 1));
	}

	static void thirtyDaysOfPollsAreAtMost600SlotsThatKeepThePeak(HistorySeries series) {
		List<ReplicaSlot> slots = thirtyDaySlots(series);

		assertThat(slots).hasSizeLessThanOrEqualTo(600).hasSizeGreaterThan(590);
		assertThat(slots.stream().mapToInt(ReplicaSlot::samples).sum()).isEqualTo(POLLS - STOPPED_POLLS);
		assertThat(slots).extracting(ReplicaSlot::database, ReplicaSlot::replica)
			.containsOnly(tuple("production", "s3"));
		// Each slot keeps its highest value: the one 500 s poll is its slot's value.
		ReplicaSlot peak = slotOf(slots, poll(PEAK));
		assertThat(peak.maxLag()).isEqualTo(Duration.ofSeconds(500));
		assertThat(slots).filteredOn((s) -> s != peak)
			.extracting(ReplicaSlot::maxLag)
			.containsOnly(Duration.ofSeconds(1));
		// The sawtooth's top (600 s + 239 × 15 s) in every slot of an hour and more.
		assertThat(peak.maxSnapshotAge()).isEqualTo(Duration.ofSeconds(4185));
		// The poll that could not tell is counted; its slot's other polls still tell.
		ReplicaSlot unknown = slotOf(slots, poll(UNKNOWN));
		assertThat(unknown.lagUnknown()).isEqualTo(1);
		assertThat(unknown.maxLag()).isEqualTo(Duration.ofSeconds(1));
		assertThat(unknown.snapshotAgeUnknown()).isZero();
		assertThat(slots).filteredOn((s) -> s != unknown).extracting(ReplicaSlot::lagUnknown).containsOnly(0);
	}

	static void slotsAreNumberedFromTheStartAndSpanTheirSamples(HistorySeries series) {
		List<ReplicaSlot> slots = thirtyDaySlots(series);

		assertThat(slots.get(0).slot()).isZero();
		assertThat(slots.get(0).first()).isEqualTo(FROM);
		assertThat(slots.get(slots.size() - 1).slot()).isEqualTo(599);
		assertThat(slots.get(slots.size() - 1).last()).isEqualTo(END.minus(POLL));
		assertThat(series.replicaSlots("production", "nope", FROM, END, Duration.ofHours(1))).isEmpty();
	}

	static void onlyTheSilencesComeBack(HistorySeries series) {
		assertThat(series.replicaGaps("production", "s3", FROM, END, GAP))
			.containsExactly(new SampleGap("production", "s3", poll(STOP - 1), poll(STOP + STOPPED_POLLS)));
		// A range that begins inside the silence: the edge is the caller's.
		assertThat(series.replicaGaps("production", "s3", poll(STOP - 1).plusSeconds(1), END, GAP)).isEmpty();
		assertThat(series.replicaGaps("production", "s3", FROM, END, Duration.ofHours(2))).isEmpty();
	}

	static void statusChangesAreTheFirstEachChangeEachReturnAndTheNewest(HistorySeries series) {
		List<StatusChange> changes = series.statusChanges("production", FROM, GAP, 51);

		assertThat(changes).containsExactly(new StatusChange(poll(0), HealthStatus.OK, null, false),
				new StatusChange(poll(STOP + STOPPED_POLLS), HealthStatus.OK, poll(STOP - 1), true),
				new StatusChange(poll(150_000), HealthStatus.WARNING, poll(149_999), false),
				new StatusChange(poll(150_020), HealthStatus.OK, poll(150_019), false),
				new StatusChange(poll(160_000), HealthStatus.CRITICAL, poll(159_999), false),
				new StatusChange(poll(160_004), HealthStatus.OK, poll(160_003), false),
				new StatusChange(poll(POLLS - 1), HealthStatus.OK, poll(POLLS - 2), false));
		// The newest ones only, still oldest first.
		assertThat(series.statusChanges("production", FROM, GAP, 3)).extracting(StatusChange::checkedAt)
			.containsExactly(poll(160_000), poll(160_004), poll(POLLS - 1));
		assertThat(series.statusChanges("nope", FROM, GAP, 51)).isEmpty();
	}

	static void theOverviewReadsEveryReplicaInOneGroupedQuery(HistorySeries series) {
		Instant day = END.minus(Duration.ofHours(24));
		List<ReplicaSlot> slots = series.allReplicaSlots(day, END, Duration.ofMinutes(15));

		// 96 slots of 15 min for s3, the last hour's 4 for backup; backup sorts first.
		assertThat(slots).hasSize(100);
		assertThat(slots.subList(0, 4)).extracting(ReplicaSlot::replica, ReplicaSlot::slot)
			.containsExactly(tuple("backup", 92L), tuple("backup", 93L), tuple("backup", 94L), tuple("backup", 95L));
		assertThat(slots.subList(4, 100)).extracting(ReplicaSlot::replica).containsOnly("s3");
		Instant hour = END.minus(Duration.ofHours(1));
		assertThat(series.allReplicaGaps(day, END, GAP)).containsExactly(new SampleGap("production", "backup",
				hour.plus(POLL.multipliedBy(99)), hour.plus(POLL.multipliedBy(140))));
	}

	static ReplicaSlot slotOf(List<ReplicaSlot> slots, Instant at) {
		return slots.stream().filter((s) -> !at.isBefore(s.first()) && !at.isAfter(s.last())).findFirst().orElseThrow();
	}

}
