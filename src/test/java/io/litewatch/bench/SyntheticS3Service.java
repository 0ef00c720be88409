package io.litewatch.bench;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import io.litewatch.bench.MiniHttpServer.Request;
import io.litewatch.bench.MiniHttpServer.Response;
import io.litewatch.bench.SyntheticBucket.ListPage;
import io.litewatch.bench.SyntheticBucket.ListRequest;

/**
 * An S3 endpoint on loopback that answers LIST requests (ListObjectsV2 and ListObjects
 * V1), HeadBucket and GetBucketLocation over synthesized buckets, for replicas too large
 * for s3proxy's filesystem backend, which scans the whole folder for every page (about 2
 * s a page at 100,000 objects, so a million would take hours). Signatures are not
 * checked. Anything else is answered 501, so a client needing more shows up at once.
 */
public final class SyntheticS3Service implements AutoCloseable {

	private static final Set<String> LIST_PARAMETERS = Set.of("list-type", "prefix", "delimiter", "start-after",
			"continuation-token", "marker", "max-keys", "encoding-type", "fetch-owner", "x-id");

	private final Map<String, SyntheticBucket> buckets = new HashMap<>();

	private final Clock clock;

	private final MiniHttpServer server = new MiniHttpServer(this::handle);

	private final AtomicLong unsupported = new AtomicLong();

	public SyntheticS3Service(Clock clock) {
		this.clock = clock;
	}

	/** Adds a bucket holding these replicas; call before {@link #start()}. */
	public SyntheticS3Service bucket(String name, List<SyntheticReplica> replicas) {
		buckets.put(name, new SyntheticBucket(name, replicas));
		return this;
	}

	/** Adds a bucket holding these key families; call before {@link #start()}. */
	SyntheticS3Service bucketOfFamilies(String name, List<KeyFamily> families) {
		buckets.put(name, new SyntheticBucket(families, name));
		return this;
	}

	public SyntheticS3Service start() {
		server.start();
		return this;
	}

	public int port() {
		return server.port();
	}

	public String endpoint() {
		return "http://127.0.0.1:" + port();
	}

	/** Requests answered 501: non-zero means a client wanted something not served. */
	public long unsupportedRequests() {
		return unsupported.get();
	}

	@Override
	public void close() throws InterruptedException {
		server.close();
	}

	private Response handle(Request request) {
		try {
			return route(request);
		}
		catch (IllegalArgumentException ex) {
			return xml(400, ListXml.error("InvalidArgument", ex.getMessage()));
		}
		catch (RuntimeException ex) {
			return xml(500, ListXml.error("InternalError", String.valueOf(ex)));
		}
	}

	private Response route(Request request) {
		Map<String, String> query = query(request.rawQuery());
		String[] parts = request.rawPath().substring(1).split("/", 2);
		SyntheticBucket bucket = buckets.get(parts[0]);
		boolean head = "HEAD".equals(request.method());
		if (parts[0].isEmpty() || !(head || "GET".equals(request.method()))) {
			return notSupported();
		}
		if (bucket == null) {
			return xml(404, ListXml.error("NoSuchBucket", "The specified bucket does not exist"));
		}
		if (parts.length > 1 && !parts[1].isEmpty()) {
			return xml(404, ListXml.error("NoSuchKey", "Only listings are synthesized"));
		}
		if (head) {
			return xml(200, "");
		}
		if (query.containsKey("location")) {
			return xml(200, ListXml.location());
		}
		if (!LIST_PARAMETERS.containsAll(query.keySet())) {
			return notSupported();
		}
		return list(bucket, query);
	}

	private Response list(SyntheticBucket bucket, Map<String, String> query) {
		int maxKeys = maxKeys(query.get("max-keys"));
		String prefix = query.getOrDefault("prefix", "");
		String delimiter = query.get("delimiter");
		boolean urlEncoded = "url".equals(query.get("encoding-type"));
		ListXml.Echo echo = new ListXml.Echo(bucket.name(), prefix, delimiter, maxKeys, urlEncoded);
		if ("2".equals(query.get("list-type"))) {
			String startAfter = query.get("start-after");
			String token = query.get("continuation-token");
			String after = greater(startAfter, token == null ? null : decodeToken(token));
			ListPage page = bucket.list(new ListRequest(prefix, delimiter, after, maxKeys), clock.instant());
			return xml(200,
					ListXml.v2(echo, page, startAfter, token, page.last() == null ? null : encodeToken(page.last())));
		}
		if (query.containsKey("list-type")) {
			throw new IllegalArgumentException("list-type must be 2 or absent");
		}
		String marker = query.get("marker");
		ListPage page = bucket.list(new ListRequest(prefix, delimiter, marker, maxKeys), clock.instant());
		return xml(200, ListXml.v1(echo, page, marker));
	}

	private Response notSupported() {
		unsupported.incrementAndGet();
		return xml(501, ListXml.error("NotImplemented", "only LIST, HeadBucket and GetBucketLocation"));
	}

	private static Response xml(int status, String body) {
		return new Response(status, "application/xml", body.getBytes(StandardCharsets.UTF_8));
	}

	private static int maxKeys(String value) {
		if (value == null) {
			return 1000;
		}
		try {
			// S3 never returns more than 1000 entries a page, whatever is asked.
			return Math.max(0, Math.min(1000, Integer.parseInt(value)));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("max-keys is not a number: " + value);
		}
	}

	private static String greater(String a, String b) {
		if (a == null || b == null) {
			return a == null ? b : a;
		}
		return a.compareTo(b) >= 0 ? a : b;
	}

	/** Opaque to clients, as S3's are: the last entry returned, base64url-encoded. */
	static String encodeToken(String last) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(last.getBytes(StandardCharsets.UTF_8));
	}

	static String decodeToken(String token) {
		try {
			return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("The continuation token provided is incorrect");
		}
	}

	private static Map<String, String> query(String raw) {
		Map<String, String> params = new HashMap<>();
		if (raw == null || raw.isEmpty()) {
			return params;
		}
		for (String pair : raw.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int eq = pair.indexOf('=');
			String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
			String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
			params.put(name, value);
		}
		return params;
	}

}
