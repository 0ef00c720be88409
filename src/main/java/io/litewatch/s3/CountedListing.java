package io.litewatch.s3;

import java.util.Iterator;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;

/**
 * The requests of one listing run, counted: the paginator sends one request per page as
 * it is iterated, and each run counts its own, so concurrent runs never mix them.
 */
final class CountedListing {

	private final S3Client s3;

	private final String bucket;

	private int requests;

	CountedListing(S3Client s3, String bucket) {
		this.s3 = s3;
		this.bucket = bucket;
	}

	/**
	 * The pages under {@code prefix} after {@code startAfter} (from the first key when
	 * null), with the delimiter Litestream lists with: anything below a further '/' is
	 * not Litestream's.
	 */
	Iterable<ListObjectsV2Response> pages(String prefix, String startAfter) {
		ListObjectsV2Request.Builder b = ListObjectsV2Request.builder().bucket(bucket).prefix(prefix).delimiter("/");
		if (startAfter != null) {
			b.startAfter(startAfter);
		}
		Iterator<ListObjectsV2Response> pages = s3.listObjectsV2Paginator(b.build()).iterator();
		return () -> new Iterator<>() {

			@Override
			public boolean hasNext() {
				return pages.hasNext();
			}

			@Override
			public ListObjectsV2Response next() {
				ListObjectsV2Response page = pages.next();
				requests++;
				return page;
			}

		};
	}

	/** The first {@code n} bytes of {@code key}: one ranged GET, counted. */
	byte[] firstBytes(String key, int n) {
		requests++;
		return s3
			.getObjectAsBytes(GetObjectRequest.builder().bucket(bucket).key(key).range("bytes=0-" + (n - 1)).build())
			.asByteArray();
	}

	int requests() {
		return requests;
	}

}
