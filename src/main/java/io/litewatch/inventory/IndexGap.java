package io.litewatch.inventory;

/**
 * WAL indexes missing between two that exist, both ends inclusive. A restore replays
 * every index from its snapshot's on, so it cannot cross a gap.
 */
public record IndexGap(long from, long to) {
}
