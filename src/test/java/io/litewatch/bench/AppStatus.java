package io.litewatch.bench;

import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;

/**
 * What the benchmark reads from one {@code GET /api/status}: the poll's number and
 * duration, and per replica whether the status is complete and what the poll's listing
 * cost.
 *
 * @param sequence the poll shown; null before the first poll
 */
record AppStatus(Long sequence, Long pollDurationMs, List<Replica> replicas) {

	/**
	 * @param complete a generation (0.5: a replicated TXID), a last sync and a last
	 * snapshot: all a status needs
	 * @param s3Requests the requests the poll's listing made for this replica; null when
	 * not reported
	 * @param inventory the background inventory's state, when the app has one
	 * @param layout what the app read the path as: "0.3", "0.5" or "both"; null when not
	 * reported
	 * @param ltx a 0.5 replica's own figures (replicatedTxid, restoreTxid, levels…), or
	 * null
	 */
	record Replica(boolean complete, Integer s3Requests, Map<String, Object> inventory, String layout,
			Map<String, Object> ltx) {
	}

	/**
	 * A field the app stops sending reads as null instead of failing the whole status:
	 * the app is changing underneath, and the proxy's counts do not depend on it.
	 */
	private static final Configuration LENIENT = Configuration.defaultConfiguration()
		.addOptions(Option.DEFAULT_PATH_LEAF_TO_NULL, Option.SUPPRESS_EXCEPTIONS);

	static AppStatus parse(String json) {
		DocumentContext doc = JsonPath.using(LENIENT).parse(json);
		Long sequence = doc.read("$.sequence", Long.class);
		Long duration = doc.read("$.pollDurationMs", Long.class);
		List<Map<String, Object>> replicas = doc.read("$.databases[*].replicas[*]");
		return new AppStatus(sequence, duration,
				replicas == null ? List.of() : replicas.stream().map(AppStatus::replica).toList());
	}

	@SuppressWarnings("unchecked")
	private static Replica replica(Map<String, Object> r) {
		Map<String, Object> ltx = r.get("ltx") instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
		// A 0.5 replica has no generation: its replicated TXID stands for it.
		Object generation = ltx != null ? ltx.get("replicatedTxid") : r.get("generation");
		boolean complete = generation != null && r.get("lastSyncAt") != null && r.get("lastSnapshotAt") != null;
		Object requests = r.get("s3Requests");
		Object inventory = r.get("inventory");
		Object layout = r.get("layout");
		return new Replica(complete, requests instanceof Number n ? n.intValue() : null,
				inventory instanceof Map<?, ?> i ? (Map<String, Object>) i : null,
				layout instanceof String l ? l : null, ltx);
	}

	boolean allComplete() {
		return !replicas.isEmpty() && replicas.stream().allMatch(Replica::complete);
	}

	long completeReplicas() {
		return replicas.stream().filter(Replica::complete).count();
	}

	/** Sum over replicas; the unreported count as zero. */
	int s3Requests() {
		return replicas.stream().mapToInt((r) -> r.s3Requests() == null ? 0 : r.s3Requests()).sum();
	}

	boolean reportsS3Requests() {
		return replicas.stream().allMatch((r) -> r.s3Requests() != null);
	}

}
