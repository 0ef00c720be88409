package io.litewatch.heartbeat;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import io.litewatch.alert.channel.Redaction;

/**
 * A ping to an outside dead-man's switch after every completed poll
 * ({@code litewatch.heartbeat.*}): Healthchecks.io, Uptime Kuma's push monitors, Better
 * Stack heartbeats. The switch pages when the pings stop, so it hears what no channel of
 * Litewatch's own can say: that Litewatch, its host or its poll loop is gone.
 *
 * @param url pinged after every poll; null turns the heartbeat off. Its path and query
 * are the check's secret and are never shown
 * @param failUrl pinged instead when the poll is critical; by default {@code url} with
 * {@code /fail} added to its path (Healthchecks' and Better Stack's convention; for
 * Uptime Kuma, its push URL with {@code status=down})
 * @param failOn {@code critical} pings {@code failUrl} for a critical poll; {@code never}
 * pings {@code url} whatever the status
 * @param method GET, or POST with a one-line summary as the body (Healthchecks keeps it)
 * @param connectTimeout bound of the TCP and TLS connect
 * @param timeout bound of one whole ping, the response included; a failed ping is tried
 * once more
 */
@ConfigurationProperties("litewatch.heartbeat")
public record HeartbeatProperties(URI url, URI failUrl, @DefaultValue("critical") FailOn failOn,
		@DefaultValue("GET") Method method, @DefaultValue("3s") Duration connectTimeout,
		@DefaultValue("10s") Duration timeout) {

	public enum FailOn {

		CRITICAL, NEVER

	}

	public enum Method {

		GET, POST

	}

	public HeartbeatProperties {
		check(url, "url");
		check(failUrl, "fail-url");
		failOn = failOn == null ? FailOn.CRITICAL : failOn;
		method = method == null ? Method.GET : method;
		connectTimeout = positive(connectTimeout, Duration.ofSeconds(3), "connect-timeout");
		timeout = positive(timeout, Duration.ofSeconds(10), "timeout");
	}

	public boolean enabled() {
		return url != null;
	}

	/** Where a poll of this criticality pings. */
	URI target(boolean critical) {
		if (!critical || failOn == FailOn.NEVER) {
			return url;
		}
		if (failUrl != null) {
			return failUrl;
		}
		String path = url.getRawPath() == null ? "" : url.getRawPath().replaceFirst("/+$", "");
		return URI.create(url.getScheme() + "://" + url.getRawAuthority() + path + "/fail"
				+ (url.getRawQuery() != null ? "?" + url.getRawQuery() : ""));
	}

	/** For messages, pages and logs: scheme, host and port; the path is the secret. */
	static String shown(URI url) {
		return Redaction.maskUrl(url);
	}

	private static void check(URI url, String key) {
		if (url == null) {
			return;
		}
		String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(java.util.Locale.ROOT);
		if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
			throw new IllegalArgumentException("litewatch.heartbeat." + key + " must be an http:// or https:// URL "
					+ "with a host" + (scheme.isEmpty() ? "" : ", not " + scheme + "://…"));
		}
	}

	private static Duration positive(Duration d, Duration fallback, String key) {
		if (d == null) {
			return fallback;
		}
		if (d.isNegative() || d.isZero()) {
			throw new IllegalArgumentException("litewatch.heartbeat." + key + " must be above zero");
		}
		return d;
	}

}
