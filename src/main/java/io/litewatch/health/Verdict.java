package io.litewatch.health;

import java.util.List;

/**
 * What one poll concluded about a replica: its findings and the status they make.
 *
 * @param status the worst finding not held by a cause elsewhere, as
 * {@link HealthStatus#of} counts it
 */
public record Verdict(HealthStatus status, List<Finding> findings) {

	public Verdict {
		findings = List.copyOf(findings);
	}

	public static Verdict of(List<Finding> findings) {
		return new Verdict(HealthStatus.of(findings), findings);
	}

}
