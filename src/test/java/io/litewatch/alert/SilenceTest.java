package io.litewatch.alert;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.litewatch.health.FindingCode;

import static org.assertj.core.api.Assertions.assertThat;

class SilenceTest {

	static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

	@Test
	void coversItsDatabaseAndCodeUntilItEnds() {
		Silence production = new Silence("1", "production", null, "maintenance", NOW, NOW.plusSeconds(3600));
		assertThat(production.covers("production", FindingCode.REPLICA_STALE, NOW)).isTrue();
		assertThat(production.covers("queue", FindingCode.REPLICA_STALE, NOW)).isFalse();
		assertThat(production.covers("production", FindingCode.REPLICA_STALE, NOW.plusSeconds(3600))).isFalse();

		Silence staleEverywhere = new Silence("2", null, FindingCode.REPLICA_STALE, null, NOW, NOW.plusSeconds(60));
		assertThat(staleEverywhere.covers("queue", FindingCode.REPLICA_STALE, NOW)).isTrue();
		assertThat(staleEverywhere.covers("queue", FindingCode.SNAPSHOT_OVERDUE, NOW)).isFalse();
	}

}
