package io.litewatch.testsupport;

import java.time.Instant;
import java.util.List;

import com.jayway.jsonpath.JsonPath;

/**
 * The webhook notifications a {@link WebhookReceiver} got since a mark, parsed: what a
 * fault test counts ("one FIRING, one RESOLVED") from its own baseline, whatever earlier
 * faults sent.
 */
public final class Notifications {

	/**
	 * One delivered webhook.
	 *
	 * @param event firing, reminder, resolved or test
	 * @param database the database's name, or "all databases"
	 * @param codes the finding codes it carries
	 */
	public record Hook(Instant at, String event, String severity, String database, List<String> codes, String body) {

		static Hook of(WebhookReceiver.Request request) {
			String body = request.body();
			return new Hook(request.at(), JsonPath.read(body, "$.event"), JsonPath.read(body, "$.severity"),
					JsonPath.read(body, "$.database"),
					List.copyOf(JsonPath.<List<String>>read(body, "$.alerts[*].code")), body);
		}

		@Override
		public String toString() {
			return event + " " + severity + " " + database + " " + codes;
		}

	}

	private final WebhookReceiver receiver;

	private int mark;

	public Notifications(WebhookReceiver receiver) {
		this.receiver = receiver;
	}

	/** From now on: what was delivered before does not count. */
	public Notifications mark() {
		mark = receiver.delivered().size();
		return this;
	}

	/** Delivered since the mark, in order. */
	public List<Hook> sinceMark() {
		List<WebhookReceiver.Request> delivered = receiver.delivered();
		return delivered.subList(Math.min(mark, delivered.size()), delivered.size()).stream().map(Hook::of).toList();
	}

	public List<Hook> sinceMark(String event) {
		return sinceMark().stream().filter((hook) -> hook.event().equals(event)).toList();
	}

	/** Delivered since the mark that carry this code, whatever the event. */
	public List<Hook> carrying(String code) {
		return sinceMark().stream().filter((hook) -> hook.codes().contains(code)).toList();
	}

}
