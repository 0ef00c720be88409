package io.litewatch.s3;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One replica's remembered state; a pass works on a copy, so a failed one leaves it
 * whole.
 */
final class LtxSlot {

	Instant lastFullPass;

	final TreeSet<Integer> present = new TreeSet<>();

	boolean generationsPresent;

	/**
	 * By level, then by name: two files of one level may share a min TXID (two writers).
	 */
	final TreeMap<Integer, TreeMap<String, LtxFile>> levels = new TreeMap<>();

	final Map<Integer, String> startAfter = new HashMap<>();

	/** By level; -1 is the folder listing. */
	final Map<Integer, Instant> listedAt = new HashMap<>();

	StrayKeys strays = new StrayKeys();

	int rotation;

	/**
	 * Whether L0 fitted one page when last listed whole (assumed after a full pass).
	 */
	boolean l0OnePage = true;

	/** Kept across full passes: the evidence is rare and must not vanish. */
	LtxListing.Rewrite rewrite;

	/** The newest snapshot's header as last read; read again only for a new one. */
	LtxListing.SnapshotHeader snapshotHeader;

	/** Where the last gap that made the levels above be listed again starts. */
	long gapRechecked = -1;

	LtxSlot copy() {
		LtxSlot copy = new LtxSlot();
		copy.replaceWith(this);
		return copy;
	}

	void replaceWith(LtxSlot other) {
		lastFullPass = other.lastFullPass;
		if (other == this) {
			return;
		}
		TreeSet<Integer> presentCopy = new TreeSet<>(other.present);
		TreeMap<Integer, TreeMap<String, LtxFile>> levelsCopy = new TreeMap<>();
		other.levels.forEach((level, files) -> levelsCopy.put(level, new TreeMap<>(files)));
		Map<Integer, String> startCopy = new HashMap<>(other.startAfter);
		Map<Integer, Instant> listedCopy = new HashMap<>(other.listedAt);
		present.clear();
		present.addAll(presentCopy);
		generationsPresent = other.generationsPresent;
		levels.clear();
		levels.putAll(levelsCopy);
		startAfter.clear();
		startAfter.putAll(startCopy);
		listedAt.clear();
		listedAt.putAll(listedCopy);
		strays = other.strays.copy();
		rotation = other.rotation;
		l0OnePage = other.l0OnePage;
		gapRechecked = other.gapRechecked;
		rewrite = other.rewrite;
		snapshotHeader = other.snapshotHeader;
	}

	LtxListing listing(int requests, boolean fullPass, Instant now) {
		TreeMap<Integer, List<LtxFile>> byLevel = new TreeMap<>();
		levels.forEach((level, files) -> byLevel.put(level, new ArrayList<>(files.values())));
		Map<Integer, Instant> levelTimes = new HashMap<>(listedAt);
		levelTimes.remove(-1);
		return new LtxListing(byLevel, levelTimes, generationsPresent, strays.shown(), strays.count(), requests,
				fullPass, now, rewrite, snapshotHeader);
	}

}
