package io.litewatch.alert.channel;

import java.time.Instant;
import java.util.List;

import io.litewatch.alert.AlertEvent;
import io.litewatch.alert.AlertItem;
import io.litewatch.alert.Notification;
import io.litewatch.health.FindingCode;
import io.litewatch.health.Severity;

/** Notifications with fixed times, so rendered text can be compared exactly. */
final class Fixtures {

	static final Instant T0 = Instant.parse("2024-05-01T12:00:00Z");

	private Fixtures() {
	}

	static Notification firing() {
		return new Notification("n-0001", AlertEvent.FIRING, "production", "/data/production.db", Severity.CRITICAL,
				List.of(new AlertItem(null, FindingCode.ACCESSORY_DOWN, Severity.CRITICAL,
						"container app-litestream is exited", null, T0, null),
						new AlertItem("s3", FindingCode.REPLICA_STALE, Severity.WARNING, "replica lags 5m0s", 300.5,
								T0.plusSeconds(60), null)),
				T0.plusSeconds(300), "https://litewatch.example.com/#production");
	}

	static Notification resolved() {
		return new Notification("n-0002", AlertEvent.RESOLVED, "production", "/data/production.db", Severity.CRITICAL,
				List.of(new AlertItem(null, FindingCode.ACCESSORY_DOWN, Severity.CRITICAL,
						"container app-litestream is exited", null, T0, T0.plusSeconds(192))),
				T0.plusSeconds(200), null);
	}

	static Notification reminder() {
		return new Notification("n-0003", AlertEvent.REMINDER, "production", "/data/production.db", Severity.WARNING,
				List.of(new AlertItem("s3", FindingCode.REPLICA_STALE, Severity.WARNING, "replica lags", 90.0, T0,
						null)),
				T0.plusSeconds(3600), null);
	}

	static Notification test() {
		return new Notification("n-0004", AlertEvent.TEST, "production", "/data/production.db", Severity.WARNING,
				List.of(), T0, null);
	}

	/** A finding message as hostile as a log line can be. */
	static Notification hostile() {
		return new Notification("n-0005", AlertEvent.FIRING, "prod<b>", "/data/prod.db", Severity.CRITICAL,
				List.of(new AlertItem("s3", FindingCode.EXEC_FAILED, Severity.CRITICAL,
						"<script>alert('x')</script> & <!channel>", null, T0, null)),
				T0.plusSeconds(10), "https://litewatch.example.com/");
	}

}
