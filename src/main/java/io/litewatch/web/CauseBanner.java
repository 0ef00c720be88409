package io.litewatch.web;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.litewatch.health.Finding;
import io.litewatch.health.FindingCode;
import io.litewatch.time.HumanDuration;

/**
 * One cause that concerns every database, said once at the top of the page instead of in
 * every row; the rows it holds back point to it.
 *
 * @param alsoHeld installation-wide findings that follow from this cause (shown inside
 * the banner, counted nowhere)
 * @param heldDatabases how many databases it holds back
 */
public record CauseBanner(String code, String severity, String headline, String message,
		List<StatusView.FindingView> alsoHeld, int heldDatabases) {

	/**
	 * The causes that get a banner: without Docker, the accessory or a readable config,
	 * or with polls that stopped, no row can be trusted on its own.
	 */
	static final Set<FindingCode> CODES = Set.of(FindingCode.DOCKER_UNREACHABLE, FindingCode.ACCESSORY_DOWN,
			FindingCode.CONFIG_INVALID, FindingCode.POLL_STALLED);

	private static final Map<FindingCode, String> HEADLINES = Map.of(FindingCode.DOCKER_UNREACHABLE,
			"Docker is unreachable", FindingCode.ACCESSORY_DOWN, "The Litestream container is down",
			FindingCode.CONFIG_INVALID, "litestream.yml is invalid", FindingCode.POLL_STALLED, "Polls have stalled");

	static CauseBanner of(Finding cause, List<Finding> installationFindings, int heldDatabases) {
		List<StatusView.FindingView> held = StatusView
			.findingViews(installationFindings.stream().filter((f) -> f.heldBy() == cause.code()).toList());
		return new CauseBanner(cause.code().name(), cause.severity().name().toLowerCase(Locale.ROOT),
				HEADLINES.get(cause.code()), HumanDuration.inProse(cause.message()), held, heldDatabases);
	}

	/** The page anchor the held rows link to. */
	public String anchor() {
		return "cause-" + code;
	}

}
