package io.litewatch.bench;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import io.litewatch.bench.KeyFamily.ObjectEntry;
import io.litewatch.bench.SyntheticBucket.ListPage;

/**
 * The XML bodies of ListObjectsV2 and ListObjects (V1), shaped as S3 answers them, since
 * both the AWS SDK for Java v2 (Litewatch) and aws-sdk-go v1 (Litestream) parse them.
 */
final class ListXml {

	private static final DateTimeFormatter LAST_MODIFIED = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
		.withZone(ZoneOffset.UTC);

	private static final String NS = "http://s3.amazonaws.com/doc/2006-03-01/";

	private ListXml() {
	}

	/**
	 * Fields echoed from the request.
	 *
	 * @param urlEncoded {@code encoding-type=url}: keys and prefixes come back
	 * percent-encoded and the client decodes them
	 */
	record Echo(String bucket, String prefix, String delimiter, int maxKeys, boolean urlEncoded) {
	}

	static String v2(Echo echo, ListPage page, String startAfter, String token, String nextToken) {
		StringBuilder xml = head(echo);
		element(xml, "KeyCount", String.valueOf(page.contents().size() + page.commonPrefixes().size()));
		optional(xml, "StartAfter", value(echo, startAfter));
		optional(xml, "ContinuationToken", token);
		optional(xml, "NextContinuationToken", page.truncated() ? nextToken : null);
		return body(xml, echo, page);
	}

	static String v1(Echo echo, ListPage page, String marker) {
		StringBuilder xml = head(echo);
		element(xml, "Marker", value(echo, marker == null ? "" : marker));
		// S3 sends NextMarker only with a delimiter; sending it always is harmless and
		// spares a client the fallback to the last key.
		optional(xml, "NextMarker", page.truncated() ? value(echo, page.last()) : null);
		return body(xml, echo, page);
	}

	static String error(String code, String message) {
		StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error>");
		element(xml, "Code", code);
		element(xml, "Message", message);
		return xml.append("</Error>").toString();
	}

	static String location() {
		return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<LocationConstraint xmlns=\"" + NS + "\"/>";
	}

	private static StringBuilder head(Echo echo) {
		StringBuilder xml = new StringBuilder(160_000);
		xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ListBucketResult xmlns=\"").append(NS).append("\">");
		element(xml, "Name", echo.bucket());
		element(xml, "Prefix", value(echo, echo.prefix()));
		optional(xml, "Delimiter", value(echo, echo.delimiter()));
		element(xml, "MaxKeys", String.valueOf(echo.maxKeys()));
		optional(xml, "EncodingType", echo.urlEncoded() ? "url" : null);
		return xml;
	}

	private static String body(StringBuilder xml, Echo echo, ListPage page) {
		element(xml, "IsTruncated", String.valueOf(page.truncated()));
		for (ObjectEntry entry : page.contents()) {
			xml.append("<Contents>");
			element(xml, "Key", value(echo, entry.key()));
			element(xml, "LastModified", LAST_MODIFIED.format(entry.lastModified()));
			element(xml, "ETag", etag(entry.key()));
			element(xml, "Size", String.valueOf(entry.size()));
			element(xml, "StorageClass", "STANDARD");
			xml.append("</Contents>");
		}
		for (String commonPrefix : page.commonPrefixes()) {
			xml.append("<CommonPrefixes>");
			element(xml, "Prefix", value(echo, commonPrefix));
			xml.append("</CommonPrefixes>");
		}
		return xml.append("</ListBucketResult>").toString();
	}

	/** Stable per key and shaped like an MD5 ETag; nobody downloads these objects. */
	private static String etag(String key) {
		long h = key.hashCode() * 0x9E3779B97F4A7C15L;
		return "\"" + SyntheticReplica.hex8(h >>> 32) + SyntheticReplica.hex8(h & 0xffffffffL)
				+ SyntheticReplica.hex8((~h) >>> 32) + SyntheticReplica.hex8((~h) & 0xffffffffL) + "\"";
	}

	private static String value(Echo echo, String raw) {
		return raw == null || !echo.urlEncoded() ? raw : urlEncode(raw);
	}

	/**
	 * As S3 encodes with encoding-type=url: everything but unreserved characters and '/'.
	 */
	static String urlEncode(String raw) {
		StringBuilder out = new StringBuilder(raw.length());
		for (byte b : raw.getBytes(StandardCharsets.UTF_8)) {
			char c = (char) (b & 0xff);
			if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-_.~/".indexOf(c) >= 0) {
				out.append(c);
			}
			else {
				out.append('%')
					.append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
					.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
			}
		}
		return out.toString();
	}

	private static void optional(StringBuilder xml, String name, String value) {
		if (value != null && !value.isEmpty()) {
			element(xml, name, value);
		}
	}

	private static void element(StringBuilder xml, String name, String value) {
		xml.append('<').append(name).append('>');
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '<' -> xml.append("&lt;");
				case '>' -> xml.append("&gt;");
				case '&' -> xml.append("&amp;");
				case '"' -> xml.append("&quot;");
				default -> xml.append(c);
			}
		}
		xml.append("</").append(name).append('>');
	}

}
