package io.litewatch.history;

import java.time.Instant;

/**
 * A silence between two consecutive samples of one replica longer than the gap the query
 * was given: a time Litewatch was not watching it.
 *
 * @param from the sample before the silence
 * @param to the sample after it
 */
public record SampleGap(String database, String replica, Instant from, Instant to) {
}
