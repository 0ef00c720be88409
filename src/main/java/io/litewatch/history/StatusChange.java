package io.litewatch.history;

import java.time.Instant;

import io.litewatch.health.HealthStatus;

/**
 * A {@code database_sample} row where something began: the first of the range, a status
 * other than the previous sample's, the first after a silence, or the newest (where the
 * watching so far ends). The rows in between only repeat the status, so they are not
 * read.
 *
 * @param previousAt the sample before, or null for the first of the range
 * @param afterGap whether the silence since {@code previousAt} was longer than the gap
 * the query was given
 */
public record StatusChange(Instant checkedAt, HealthStatus status, Instant previousAt, boolean afterGap) {
}
