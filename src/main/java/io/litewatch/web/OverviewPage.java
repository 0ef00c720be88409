package io.litewatch.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.litewatch.config.LitewatchProperties;
import io.litewatch.health.DatabaseStatus;
import io.litewatch.health.Finding;
import io.litewatch.health.FindingCode;
import io.litewatch.health.Severity;
import io.litewatch.poll.PollResult;

/**
 * The overview's model, beside {@link StatusView} (which stays the JSON contract): causes
 * that concern every database as banners, then one row per database, worst first.
 *
 * @param banners one per installation-wide cause, said once
 * @param findings the other installation-wide findings (not causes, not held)
 * @param rows worst first, otherwise in the config's order, so a row moves only when its
 * state changes
 * @param tab the document title and favicon: the worst state and how many share it
 */
public record OverviewPage(List<CauseBanner> banners, List<StatusView.FindingView> findings, List<DatabaseRow> rows,
		Tab tab, PollClock clock) {

	/**
	 * @param title "2 critical · Litewatch"
	 * @param state the worst state, which names the favicon
	 */
	public record Tab(String title, String state) {

		static Tab of(List<CauseBanner> banners, List<StatusView.FindingView> findings, List<DatabaseRow> rows,
				boolean pending) {
			List<RowState> states = new ArrayList<>();
			banners.forEach((b) -> states.add(severity(b.severity())));
			findings.forEach((f) -> states.add(severity(f.severity())));
			rows.forEach((r) -> states.add(r.state()));
			RowState worst = states.stream().min(Comparator.naturalOrder()).orElse(RowState.OK);
			if (pending && worst == RowState.OK) {
				return new Tab("waiting for the first poll · Litewatch", RowState.UNKNOWN.label());
			}
			long count = states.stream().filter((s) -> s == worst).count();
			String words = switch (worst) {
				case CRITICAL -> count + " critical";
				case WARNING -> count + (count == 1 ? " warning" : " warnings");
				case UNKNOWN -> count + " held back";
				case OK -> "all ok";
			};
			return new Tab(words + " · Litewatch", worst.label());
		}

		private static RowState severity(String severity) {
			return Severity.CRITICAL.name().equalsIgnoreCase(severity) ? RowState.CRITICAL : RowState.WARNING;
		}

	}

	/**
	 * @param poll the latest poll, or null before the first
	 * @param stalled POLL_STALLED when polls stopped: it holds back every row
	 */
	static OverviewPage of(PollResult poll, boolean polling, Optional<Finding> stalled, LitewatchProperties properties,
			Instant now) {
		List<Finding> installation = new ArrayList<>();
		stalled.ifPresent(installation::add);
		if (poll != null) {
			installation.addAll(poll.findings());
		}
		List<DatabaseRow> rows = new ArrayList<>();
		if (poll != null) {
			for (DatabaseStatus db : poll.databases()) {
				Set<FindingCode> heldBy = new LinkedHashSet<>(db.heldBy());
				stalled.ifPresent((f) -> heldBy.add(f.code()));
				rows.add(DatabaseRow.of(db, List.copyOf(heldBy), properties.health(), now));
			}
		}
		// A stable sort: equal states keep the config's order.
		rows.sort(Comparator.comparing(DatabaseRow::state));
		List<CauseBanner> banners = new ArrayList<>();
		List<Finding> others = new ArrayList<>();
		for (Finding f : installation) {
			if (!f.held() && CauseBanner.CODES.contains(f.code())) {
				String code = f.code().name();
				int held = (int) rows.stream().filter((r) -> r.heldBy().contains(code)).count();
				banners.add(CauseBanner.of(f, installation, held));
			}
			else if (!f.held() || !CauseBanner.CODES.contains(f.heldBy())) {
				others.add(f);
			}
		}
		List<StatusView.FindingView> findings = StatusView.findingViews(others);
		PollClock clock = poll == null ? PollClock.of(null, null, polling, properties.pollInterval(), now)
				: PollClock.of(poll.checkedAt(), poll.duration(), polling, properties.pollInterval(), now);
		return new OverviewPage(List.copyOf(banners), findings, List.copyOf(rows),
				Tab.of(banners, findings, rows, poll == null), clock);
	}

	/**
	 * One sentence for the top of the page and for screen readers: the causes, then how
	 * many databases are in each state, e.g. "The Litestream container is down · 4 held
	 * back".
	 */
	public String summary() {
		List<String> parts = new ArrayList<>();
		banners.forEach((b) -> parts.add(b.headline()));
		List<String> counts = new ArrayList<>();
		for (RowState state : RowState.values()) {
			long n = rows.stream().filter((r) -> r.state() == state).count();
			if (n > 0) {
				counts.add(n + " " + (state == RowState.UNKNOWN ? "held back" : state.label()));
			}
		}
		if (!counts.isEmpty()) {
			parts.add(String.join(", ", counts));
		}
		if (clock.checkedAt() == null && parts.isEmpty()) {
			return "Waiting for the first poll.";
		}
		return parts.isEmpty() ? "No database to show." : String.join(" · ", parts);
	}

	/** Whether the polls stalled: every figure shown is old. */
	public boolean stale() {
		return banners.stream().anyMatch((b) -> b.code().equals(FindingCode.POLL_STALLED.name()));
	}

}
