package io.litewatch.config;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replica URLs the way Litestream 0.3.13 splits them (Go's {@code url.Parse} rules,
 * {@code ParseReplicaURL}, {@code s3.ParseHost}), with any password kept out of the
 * redacted form.
 */
final class ReplicaUrls {

	private static final Pattern URL_SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*):");

	private static final Pattern LOCALHOST = Pattern.compile("^(?:(.+)\\.)?localhost$");

	private static final Pattern BACKBLAZE = Pattern.compile("^(?:(.+)\\.)?s3.([^.]+)\\.backblazeb2.com$");

	private static final Pattern FILEBASE = Pattern.compile("^(?:(.+)\\.)?s3.filebase.com$");

	private static final Pattern DIGITAL_OCEAN = Pattern.compile("^(?:(.+)\\.)?([^.]+)\\.digitaloceanspaces.com$");

	private static final Pattern SCALEWAY = Pattern.compile("^(?:(.+)\\.)?s3.([^.]+)\\.scw.cloud$");

	private static final Pattern LINODE = Pattern.compile("^(?:(.+)\\.)?([^.]+)\\.linodeobjects.com$");

	private ReplicaUrls() {
	}

	/** Result of Litestream's {@code s3.ParseHost}. */
	record S3Host(String bucket, String region, String endpoint, boolean forcePathStyle) {
	}

	/**
	 * Litestream 0.3.13's {@code s3.ParseHost}: provider host forms carry endpoint and
	 * region.
	 */
	static S3Host parseS3Host(String hostPort) {
		String host = hostPort;
		String port = "";
		int colon = hostPort.lastIndexOf(':');
		if (colon >= 0 && hostPort.indexOf(':') == colon) {
			host = hostPort.substring(0, colon);
			port = hostPort.substring(colon + 1);
		}
		String scheme = "https";
		String bucket;
		String region = null;
		String endpoint = null;
		Matcher m;
		if ((m = LOCALHOST.matcher(host)).matches()) {
			bucket = m.group(1);
			region = "us-east-1";
			scheme = "http";
			endpoint = "localhost";
		}
		else if ((m = BACKBLAZE.matcher(host)).matches()) {
			bucket = m.group(1);
			region = m.group(2);
			endpoint = "s3." + region + ".backblazeb2.com";
		}
		else if ((m = FILEBASE.matcher(host)).matches()) {
			bucket = m.group(1);
			endpoint = "s3.filebase.com";
		}
		else if ((m = DIGITAL_OCEAN.matcher(host)).matches()) {
			bucket = m.group(1);
			region = m.group(2);
			endpoint = region + ".digitaloceanspaces.com";
		}
		else if ((m = SCALEWAY.matcher(host)).matches()) {
			bucket = m.group(1);
			region = m.group(2);
			endpoint = "s3." + region + ".scw.cloud";
		}
		else if ((m = LINODE.matcher(host)).matches()) {
			bucket = m.group(1);
			region = m.group(2);
			endpoint = region + ".linodeobjects.com";
		}
		else {
			return new S3Host(host, null, null, false);
		}
		if (!port.isEmpty()) {
			endpoint = endpoint + ":" + port;
		}
		return new S3Host(bucket, region, scheme + "://" + endpoint, true);
	}

	/** The parts of a replica URL Litestream uses, password already separated out. */
	record ReplicaUrl(String scheme, String user, String password, String host, String path, String rawPath,
			String redacted) {
	}

	/**
	 * Litestream's {@code ParseReplicaURL} plus userinfo, with Go's url.Parse split
	 * rules.
	 */
	static ReplicaUrl parseReplicaUrl(String url) {
		Matcher m = URL_SCHEME.matcher(url);
		boolean hasScheme = m.find();
		String scheme = hasScheme ? m.group(1).toLowerCase(Locale.ROOT) : "";
		String rest = hasScheme ? url.substring(m.end()) : url;
		String query = "";
		int q = indexOfAny(rest, "?#");
		if (q >= 0) {
			query = rest.substring(q);
			rest = rest.substring(0, q);
		}
		String user = null;
		String password = null;
		String host = "";
		String rawPath = rest;
		String redactedAuthority = "";
		if (rest.startsWith("//")) {
			String authority = rest.substring(2);
			int slash = authority.indexOf('/');
			rawPath = (slash >= 0) ? authority.substring(slash) : "";
			authority = (slash >= 0) ? authority.substring(0, slash) : authority;
			int at = authority.lastIndexOf('@');
			host = authority;
			if (at >= 0) {
				String userinfo = authority.substring(0, at);
				host = authority.substring(at + 1);
				int colon = userinfo.indexOf(':');
				user = decode((colon >= 0) ? userinfo.substring(0, colon) : userinfo);
				password = (colon >= 0) ? decode(userinfo.substring(colon + 1)) : null;
				redactedAuthority = userinfo.substring(0, (colon >= 0) ? colon : userinfo.length())
						+ ((password != null) ? ":xxxxx" : "") + "@";
			}
			redactedAuthority = "//" + redactedAuthority + host;
		}
		String redacted = (hasScheme ? m.group(1) + ":" : "") + redactedAuthority + rawPath + query;
		String path;
		if (scheme.equals("file")) {
			// Go rebuilds the URL without its scheme: a host makes it "//host/path",
			// cleaned to "/host/path".
			path = cleanPath(decode((host.isEmpty() ? "" : "//" + host) + rawPath));
		}
		else {
			String cleaned = cleanPath(decode(rawPath));
			path = cleaned.startsWith("/") ? cleaned.substring(1) : cleaned;
			// path.Clean("") is "." in Go; as a key prefix it means "no prefix"
			path = path.equals(".") ? "" : path;
		}
		return new ReplicaUrl(scheme, user, password, host, path, decode(rawPath), redacted);
	}

	private static int indexOfAny(String s, String chars) {
		for (int i = 0; i < s.length(); i++) {
			if (chars.indexOf(s.charAt(i)) >= 0) {
				return i;
			}
		}
		return -1;
	}

	private static String decode(String s) {
		try {
			return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return s;
		}
	}

	// Go's path.Clean, for URL paths (always '/').
	static String cleanPath(String p) {
		if (p.isEmpty()) {
			return ".";
		}
		boolean rooted = p.startsWith("/");
		List<String> parts = new ArrayList<>();
		for (String part : p.split("/")) {
			if (part.isEmpty() || part.equals(".")) {
				continue;
			}
			if (part.equals("..")) {
				if (!parts.isEmpty() && !parts.get(parts.size() - 1).equals("..")) {
					parts.remove(parts.size() - 1);
				}
				else if (!rooted) {
					parts.add(part);
				}
				continue;
			}
			parts.add(part);
		}
		String joined = String.join("/", parts);
		if (rooted) {
			return "/" + joined;
		}
		return joined.isEmpty() ? "." : joined;
	}

	/**
	 * Whether {@code host:port} names a port, as Litestream checks addr and sftp hosts.
	 */
	static boolean hasPort(String hostPort) {
		int colon = hostPort.lastIndexOf(':');
		return colon >= 0 && colon < hostPort.length() - 1;
	}

}
