package io.litewatch.health;

import java.util.Collection;
import java.util.Locale;

/**
 * Overall state of a replica, a database or the whole installation. Later constants are
 * worse.
 */
public enum HealthStatus {

	OK, WARNING, CRITICAL;

	public static HealthStatus of(Collection<Finding> findings) {
		HealthStatus worst = OK;
		for (Finding finding : findings) {
			if (finding.held()) {
				continue;
			}
			worst = worst.worse(finding.severity() == Severity.CRITICAL ? CRITICAL : WARNING);
		}
		return worst;
	}

	public HealthStatus worse(HealthStatus other) {
		return other.compareTo(this) > 0 ? other : this;
	}

	/** Lower-case form used in JSON and CSS classes. */
	public String label() {
		return name().toLowerCase(Locale.ROOT);
	}

}
