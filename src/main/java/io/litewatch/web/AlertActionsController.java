package io.litewatch.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.litewatch.alert.AlertProperties;
import io.litewatch.alert.AlertRepository;
import io.litewatch.alert.AlertService;
import io.litewatch.alert.Silence;
import io.litewatch.audit.AuditAction;
import io.litewatch.audit.AuditLog;
import io.litewatch.health.DatabaseStatus;
import io.litewatch.health.FindingCode;
import io.litewatch.poll.LatestPoll;
import io.litewatch.time.GoDuration;
import io.litewatch.time.HumanDuration;

/**
 * What an operator does on the Alerts page: silence, end a silence, send a test
 * notification. Each is bounded (duration, scope, rate) and goes into the audit log. The
 * operator role and Spring Security's CSRF token are checked before any of this runs
 * (io.litewatch.security). A refusal renders the page again with its reason, under a
 * status a script understands (400, 429).
 */
@Controller
class AlertActionsController {

	private final AlertsPage page;

	private final AlertRepository alerts;

	private final AlertService service;

	private final AuditLog audit;

	private final LatestPoll latest;

	private final AlertProperties policy;

	private final Clock clock;

	AlertActionsController(AlertsPage page, AlertRepository alerts, AlertService service, AuditLog audit,
			LatestPoll latest, AlertProperties policy, Clock clock) {
		this.page = page;
		this.alerts = alerts;
		this.service = service;
		this.audit = audit;
		this.latest = latest;
		this.policy = policy;
		this.clock = clock;
	}

	@PostMapping("/alerts/silences")
	String silence(@RequestParam(required = false) String database, @RequestParam(required = false) String code,
			@RequestParam String duration, @RequestParam(required = false) String reason, Authentication who,
			HttpServletRequest request, HttpServletResponse response, Model model, RedirectAttributes redirect) {
		Silence silence;
		try {
			Duration length = parse("duration", duration, GoDuration::parse, "a duration like 2h or 30m");
			FindingCode findingCode = code == null || code.isBlank() ? null
					: parse("code", code, FindingCode::valueOf, "a finding code such as REPLICA_STALE");
			String name = database == null || database.isBlank() ? null : database.strip();
			requireKnown(name);
			silence = Silence.starting(name, findingCode, reason == null || reason.isBlank() ? null : reason.strip(),
					actor(who), clock.instant(), length, policy.silenceMaxDuration());
		}
		catch (IllegalArgumentException ex) {
			return refused(HttpStatus.BAD_REQUEST, ex.getMessage(), response, model);
		}
		service.addSilence(silence);
		Duration length = Duration.between(silence.createdAt(), silence.endsAt());
		audit.record(actor(who), AuditAction.SILENCE_CREATED, silence.scope(),
				"for " + HumanDuration.compact(length) + (silence.reason() != null ? ": " + silence.reason() : ""),
				request.getRemoteAddr());
		redirect.addFlashAttribute("message",
				"Silenced " + silence.scope() + " for " + HumanDuration.compact(length) + ".");
		return "redirect:/alerts";
	}

	/**
	 * A silence for a name no database has covers nothing: the typo would leave the real
	 * one paging while the operator believes it quiet. Names come from the last poll;
	 * before the first one there is nothing to check against.
	 */
	private void requireKnown(String database) {
		if (database == null) {
			return;
		}
		Optional<List<String>> known = latest.get()
			.map((poll) -> poll.databases().stream().map(DatabaseStatus::name).toList());
		if (known.isPresent() && !known.get().contains(database)) {
			String shown = database.length() > 40 ? database.substring(0, 40) + "…" : database;
			throw new IllegalArgumentException("Not silenced: no database is named \"" + shown + "\". "
					+ (known.get().isEmpty() ? "None is configured."
							: "The databases are " + String.join(", ", known.get().stream().limit(20).toList())
									+ (known.get().size() > 20 ? ", …" : "") + ".")
					+ " Leave the field empty to silence every database. Nothing was changed.");
		}
	}

	private static <T> T parse(String field, String text, Function<String, T> parser, String expected) {
		try {
			return parser.apply(text.strip());
		}
		catch (IllegalArgumentException ex) {
			String shown = text.length() > 40 ? text.substring(0, 40) + "…" : text;
			throw new IllegalArgumentException(
					"Not silenced: " + field + " \"" + shown + "\" is not " + expected + ". Nothing was changed.");
		}
	}

	@PostMapping("/alerts/silences/{id}/expire")
	String expire(@PathVariable String id, Authentication who, HttpServletRequest request,
			RedirectAttributes redirect) {
		Instant now = clock.instant();
		Optional<Silence> silence = alerts.activeSilences(now).stream().filter((s) -> s.id().equals(id)).findFirst();
		if (silence.isEmpty() || !service.expireSilence(id, now)) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no active silence " + id);
		}
		audit.record(actor(who), AuditAction.SILENCE_ENDED, silence.get().scope(),
				HumanDuration.compact(Duration.between(now, silence.get().endsAt()).withNanos(0)) + " before its end"
						+ (silence.get().createdBy() != null ? "; created by " + silence.get().createdBy() : ""),
				request.getRemoteAddr());
		redirect.addFlashAttribute("message", "Silence of " + silence.get().scope() + " ended.");
		return "redirect:/alerts";
	}

	@PostMapping("/alerts/channels/{name}/test")
	String test(@PathVariable String name, Authentication who, HttpServletRequest request, HttpServletResponse response,
			Model model, RedirectAttributes redirect) {
		AlertService.TestSend sent = service.sendTest(name);
		switch (sent.outcome()) {
			case UNKNOWN_CHANNEL -> throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no channel " + name);
			case REFUSED -> {
				audit.record(actor(who), AuditAction.TEST_NOTIFICATION_REFUSED, name, sent.refusal().reason(),
						request.getRemoteAddr());
				response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(sent.refusal().retryAfterSeconds()));
				return refused(HttpStatus.TOO_MANY_REQUESTS,
						"Not sent: " + sent.refusal().reason() + " Try again in "
								+ HumanDuration.compact(Duration.ofSeconds(sent.refusal().retryAfterSeconds())) + ".",
						response, model);
			}
			case QUEUED -> {
				audit.record(actor(who), AuditAction.TEST_NOTIFICATION_SENT, name, null, request.getRemoteAddr());
				redirect.addFlashAttribute("message", "Test notification queued for " + name + ".");
				return "redirect:/alerts";
			}
		}
		throw new IllegalStateException(sent.outcome().name());
	}

	/** The page again, its reason on top; nothing was changed. */
	private String refused(HttpStatus status, String message, HttpServletResponse response, Model model) {
		response.setStatus(status.value());
		model.addAttribute("message", message);
		model.addAttribute("refused", true);
		return page.fill(model);
	}

	private static String actor(Authentication who) {
		return who != null ? who.getName() : null;
	}

}
