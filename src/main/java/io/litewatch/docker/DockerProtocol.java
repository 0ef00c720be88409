package io.litewatch.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.core.RemoteApiVersion;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/**
 * Pure functions about what the Docker Engine API sends and accepts: which API version to
 * speak, its times, its path-stat header, its error messages.
 */
final class DockerProtocol {

	/**
	 * The newest API version docker-java 3.7.1 has a constant for; newer engines still
	 * accept it.
	 */
	static final RemoteApiVersion NEWEST_KNOWN = RemoteApiVersion.VERSION_1_44;

	private static final ObjectMapper JSON = new ObjectMapper();

	private DockerProtocol() {
	}

	/**
	 * min(engine's API version, {@link #NEWEST_KNOWN}); refuses when the engine's minimum
	 * is above that, since every request would then be rejected with a less helpful
	 * message.
	 */
	static RemoteApiVersion chooseApiVersion(String engineApi, String minApi, String hostForMessage) {
		if (engineApi == null || !engineApi.matches("\\d+\\.\\d+")) {
			throw new DockerAccessException(
					"Docker engine at " + hostForMessage + " did not report a usable API version: '" + engineApi + "'");
		}
		RemoteApiVersion engine = RemoteApiVersion.parseConfig(engineApi);
		RemoteApiVersion chosen = NEWEST_KNOWN.isGreaterOrEqual(engine) ? engine : NEWEST_KNOWN;
		if (minApi != null && minApi.matches("\\d+\\.\\d+") && RemoteApiVersion.parseConfig(minApi).isGreater(chosen)) {
			throw new DockerAccessException("Docker engine at " + hostForMessage + " requires API " + minApi
					+ " or newer, but this client speaks at most " + NEWEST_KNOWN.getVersion());
		}
		return chosen;
	}

	/**
	 * Decodes the base64 JSON path-stat header:
	 * {"name","size","mode","mtime","linkTarget"}.
	 */
	static FileStat parsePathStat(String path, String header) {
		try {
			JsonNode stat = JSON.readTree(Base64.getDecoder().decode(header.strip()));
			return new FileStat(path, true, stat.path("size").asLong(), dockerTime(stat.path("mtime").asText(null)));
		}
		catch (IOException | IllegalArgumentException ex) {
			throw new DockerAccessException("Docker sent an unreadable path-stat header for " + path, ex);
		}
	}

	/** Docker times are RFC 3339 with nanoseconds; the zero time means "never". */
	static Instant dockerTime(String text) {
		if (text == null || text.isEmpty() || text.startsWith("0001-01-01")) {
			return null;
		}
		try {
			return OffsetDateTime.parse(text).toInstant();
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	static String urlEncode(String s) {
		return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
	}

	static String firstLine(String s) {
		if (s == null) {
			return "";
		}
		String line = s.strip().lines().findFirst().orElse("");
		return line.length() > 300 ? line.substring(0, 300) + "…" : line;
	}

}
