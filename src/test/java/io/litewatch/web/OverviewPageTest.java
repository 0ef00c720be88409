package io.litewatch.web;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.litewatch.health.Finding;
import io.litewatch.health.FindingCode;
import io.litewatch.poll.PollResult;

import static io.litewatch.web.PollScenarios.NOW;
import static io.litewatch.web.PollScenarios.PROPERTIES;
import static io.litewatch.web.PollScenarios.RUNNING;
import static io.litewatch.web.PollScenarios.STOPPED;
import static io.litewatch.web.PollScenarios.healthy;
import static io.litewatch.web.PollScenarios.lagging;
import static io.litewatch.web.PollScenarios.poll;
import static io.litewatch.web.PollScenarios.snapshotOverdue;
import static org.assertj.core.api.Assertions.assertThat;

/** The overview's model from polls the real evaluator judged. */
class OverviewPageTest {

	static OverviewPage page(PollResult poll) {
		return OverviewPage.of(poll, false, Optional.empty(), PROPERTIES, NOW);
	}

	@Test
	void rowsComeWorstFirstAndOtherwiseInTheConfigsOrder() {
		OverviewPage page = page(poll(RUNNING, healthy("alpha"), lagging("beta"), snapshotOverdue("gamma"),
				healthy("delta"), lagging("epsilon")));

		assertThat(page.rows()).extracting(DatabaseRow::name)
			.containsExactly("gamma", "beta", "epsilon", "alpha", "delta");
		assertThat(page.rows()).extracting(DatabaseRow::state)
			.containsExactly(RowState.CRITICAL, RowState.WARNING, RowState.WARNING, RowState.OK, RowState.OK);
		assertThat(page.banners()).isEmpty();
		assertThat(page.tab().title()).isEqualTo("1 critical · Litewatch");
		assertThat(page.tab().state()).isEqualTo("critical");
		assertThat(page.summary()).isEqualTo("1 critical, 2 warning, 2 ok");
	}

	@Test
	void aStoppedAccessoryIsOneBannerAndEveryRowIsHeldBackNotOk() {
		OverviewPage page = page(poll(STOPPED, healthy("production"), lagging("queue"), snapshotOverdue("cache")));

		assertThat(page.banners()).singleElement().satisfies((b) -> {
			assertThat(b.code()).isEqualTo("ACCESSORY_DOWN");
			assertThat(b.severity()).isEqualTo("critical");
			assertThat(b.headline()).isEqualTo("The Litestream container is down");
			assertThat(b.heldDatabases()).isEqualTo(3);
		});
		assertThat(page.findings()).isEmpty();
		for (DatabaseRow row : page.rows()) {
			assertThat(row.heldBy()).containsExactly("ACCESSORY_DOWN");
			assertThat(row.state()).isEqualTo(RowState.UNKNOWN);
			assertThat(row.replicas()).allSatisfy((r) -> assertThat(r.state()).isEqualTo(RowState.UNKNOWN));
		}
		// Their stale and overdue findings stay visible, held by the cause.
		assertThat(page.rows().get(2).replicas().get(0).findings()).extracting(StatusView.FindingView::heldBy)
			.containsOnly("ACCESSORY_DOWN");
		assertThat(page.tab().title()).isEqualTo("1 critical · Litewatch");
		assertThat(page.summary()).isEqualTo("The Litestream container is down · 3 held back");
	}

	@Test
	void stalledPollsHoldBackEveryRow() {
		Finding stalled = Finding.critical(FindingCode.POLL_STALLED, "No poll has completed for 2m.");
		OverviewPage page = OverviewPage.of(poll(RUNNING, healthy("production"), lagging("queue")), false,
				Optional.of(stalled), PROPERTIES, NOW);

		assertThat(page.banners()).extracting(CauseBanner::code).containsExactly("POLL_STALLED");
		assertThat(page.banners().get(0).heldDatabases()).isEqualTo(2);
		assertThat(page.stale()).isTrue();
		// A row with a problem of its own keeps it; one that would say OK is held back.
		assertThat(page.rows()).extracting(DatabaseRow::name, DatabaseRow::state)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("queue", RowState.WARNING),
					org.assertj.core.groups.Tuple.tuple("production", RowState.UNKNOWN));
	}

	@Test
	void aReplicaRowSaysItsFiguresInWords() {
		ReplicaRow r = page(poll(RUNNING, healthy("production"))).rows().get(0).replicas().get(0);

		assertThat(r.lag()).isEqualTo("3 s");
		assertThat(r.lagLimit()).isEqualTo("limit 13 s");
		assertThat(r.lagSource()).isEqualTo("db-file");
		assertThat(r.syncEvery()).isEqualTo("every 1s");
		assertThat(r.lastSync().relative()).isEqualTo("5 s ago");
		assertThat(r.lastSnapshot().relative()).isEqualTo("52 min ago");
		assertThat(r.schedule().due().clock()).isEqualTo("15:00");
		assertThat(r.schedule().when()).isEqualTo("in 8 min");
		assertThat(r.schedule().overdue()).isFalse();
		assertThat(r.snapshotEvery()).isEqualTo("every 1h");
		assertThat(r.counts()).isEqualTo("2 snapshots, 2 WAL segments since the newest (220 B)");
		assertThat(r.window().retention()).isEqualTo("1d");
		assertThat(r.window().length()).isEqualTo("19 h 59 min");
		assertThat(r.window().percent()).isEqualTo(83);
		assertThat(r.window().label()).isEqualTo("19 h 59 min of 1d retention");
		assertThat(r.window().basis()).isEqualTo("snapshots");
		assertThat(r.inventory()).isEmpty();
	}

	@Test
	void theInventorysLinesStayUnderTheReplica() {
		ReplicaRow walked = page(PollScenarios.withInventory(poll(RUNNING, healthy("production")), true)).rows()
			.get(0)
			.replicas()
			.get(0);

		assertThat(walked.inventory()).extracting(ReplicaRow.InventoryLine::before)
			.containsExactly("history: 30,000 WAL segments (118.8 MiB), 2 snapshots · inventory ",
					"retention removed 10,000 WAL segments, 1 snapshot (seen ", "inventory: 62% of the next pass");
		assertThat(walked.inventory().get(1).at().relative()).isEqualTo("3 min ago");
		assertThat(walked.inventory().get(1).after()).isEqualTo(")");
		assertThat(walked.window().basis()).isEqualTo("inventory");

		ReplicaRow firstPass = page(PollScenarios.withInventory(poll(RUNNING, healthy("production")), false)).rows()
			.get(0)
			.replicas()
			.get(0);
		assertThat(firstPass.inventory()).extracting(ReplicaRow.InventoryLine::before)
			.containsExactly("inventory: 62% of the first pass");
	}

	@Test
	void anOverdueSnapshotSaysByHowMuch() {
		ReplicaRow r = page(poll(RUNNING, snapshotOverdue("production"))).rows().get(0).replicas().get(0);

		assertThat(r.schedule().overdue()).isTrue();
		assertThat(r.schedule().when()).isEqualTo("overdue by 2 h");
		assertThat(r.state()).isEqualTo(RowState.CRITICAL);
	}

	@Test
	void aSnapshotJustPastItsTimeIsDueAnyMomentWithinTheGrace() {
		ReplicaRow r = page(poll(RUNNING,
				PollScenarios.database("production", Duration.ofSeconds(3), Duration.ofMinutes(60).plusSeconds(30))))
			.rows()
			.get(0)
			.replicas()
			.get(0);

		assertThat(r.schedule().when()).isEqualTo("any moment now");
		assertThat(r.schedule().overdue()).isFalse();
	}

	@Test
	void theHeaderClockCountsFromTheLastPoll() {
		PollClock clock = page(poll(RUNNING, healthy("production"))).clock();

		assertThat(clock.checkedAt()).isEqualTo("2026-11-25T14:51:57Z");
		assertThat(clock.checkedAgo()).isEqualTo("3 s ago");
		assertThat(clock.nextPoll()).isEqualTo("in 12 s");
		assertThat(clock.nextPollAt()).isEqualTo("2026-11-25T14:52:12Z");
		assertThat(clock.refreshAt()).isEqualTo("2026-11-25T14:52:13.850Z");
	}

	@Test
	void beforeTheFirstPollThePageWaits() {
		OverviewPage page = OverviewPage.of(null, true, Optional.empty(), PROPERTIES, NOW);

		assertThat(page.rows()).isEmpty();
		assertThat(page.tab().title()).isEqualTo("waiting for the first poll · Litewatch");
		assertThat(page.clock().checkedAgo()).isEqualTo("not yet");
		assertThat(page.summary()).isEqualTo("Waiting for the first poll.");
	}

	@Test
	void allOkSaysSo() {
		OverviewPage page = page(poll(RUNNING, healthy("production"), healthy("queue")));

		assertThat(page.tab().title()).isEqualTo("all ok · Litewatch");
		assertThat(page.tab().state()).isEqualTo("ok");
		assertThat(page.summary()).isEqualTo("2 ok");
	}

}
