package io.litewatch.web;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.info.GitProperties;

import io.litewatch.health.Finding;
import io.litewatch.health.FindingCode;
import io.litewatch.poll.PollResult;

import static io.litewatch.metrics.SyntheticPolls.T0;
import static io.litewatch.metrics.SyntheticPolls.database;
import static io.litewatch.metrics.SyntheticPolls.poll;
import static io.litewatch.metrics.SyntheticPolls.replica;
import static org.assertj.core.api.Assertions.assertThat;

/** The anonymous cut of /api/status: the badge's figures, cut from the full view. */
class PublicStatusViewTest {

	final AppVersion version = new AppVersion(new StaticListableBeanFactory().getBeanProvider(BuildProperties.class),
			new StaticListableBeanFactory().getBeanProvider(GitProperties.class));

	@Test
	void eachDatabaseKeepsItsStateAndItsWorstReplicasLag() {
		PollResult poll = poll(12, T0,
				database("production", replica("s3", Duration.ofMillis(-300)), replica("b2", Duration.ofSeconds(4))),
				database("queue",
						replica("s3", Duration.ofSeconds(303), Finding.critical(FindingCode.REPLICA_STALE, "stale"))),
				database("cache", replica("s3", null)));
		StatusView full = StatusView.of(poll, false, Optional.empty(), version);

		PublicStatusView cut = PublicStatusView.of(full);

		assertThat(cut.status()).isEqualTo("critical").isEqualTo(full.status());
		assertThat(cut.sequence()).isEqualTo(12);
		assertThat(cut.checkedAt()).isEqualTo(T0.toString());
		assertThat(cut.databases()).containsExactly(new PublicStatusView.DatabaseView("production", "ok", 4.0),
				new PublicStatusView.DatabaseView("queue", "critical", 303.0),
				new PublicStatusView.DatabaseView("cache", "ok", null));
	}

	@Test
	void beforeTheFirstPollItIsPendingWithNoDatabase() {
		PublicStatusView cut = PublicStatusView.of(StatusView.pending(true, Optional.empty(), version));
		assertThat(cut.status()).isEqualTo("pending");
		assertThat(cut.sequence()).isNull();
		assertThat(cut.databases()).isEmpty();
	}

}
