package io.litewatch.alert.channel;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Keeps the first {@code limit} bytes of a response body and then cancels the rest, so a
 * receiver answering with megabytes (or an endless stream) costs neither memory nor the
 * delivery's time budget. The JDK's subscribers read every byte before they complete.
 */
final class CappedBody implements HttpResponse.BodySubscriber<String> {

	private final int limit;

	private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

	private final CompletableFuture<String> body = new CompletableFuture<>();

	private Flow.Subscription subscription;

	CappedBody(int limit) {
		this.limit = limit;
	}

	@Override
	public void onSubscribe(Flow.Subscription subscription) {
		this.subscription = subscription;
		subscription.request(1);
	}

	@Override
	public void onNext(List<ByteBuffer> items) {
		if (body.isDone()) {
			return;
		}
		for (ByteBuffer item : items) {
			int take = Math.min(item.remaining(), limit - bytes.size());
			byte[] chunk = new byte[take];
			item.get(chunk);
			bytes.write(chunk, 0, take);
		}
		if (bytes.size() >= limit) {
			subscription.cancel();
			complete();
		}
		else {
			subscription.request(1);
		}
	}

	@Override
	public void onError(Throwable error) {
		body.completeExceptionally(error);
	}

	@Override
	public void onComplete() {
		complete();
	}

	private void complete() {
		// A multi-byte character cut at the limit decodes to U+FFFD, which is fine for an
		// error text.
		body.complete(new String(bytes.toByteArray(), StandardCharsets.UTF_8));
	}

	@Override
	public CompletionStage<String> getBody() {
		return body;
	}

}
