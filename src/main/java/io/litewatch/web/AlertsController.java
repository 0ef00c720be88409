package io.litewatch.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.litewatch.alert.AlertProperties;
import io.litewatch.alert.AlertRepository;
import io.litewatch.alert.AlertService;
import io.litewatch.alert.AlertState;
import io.litewatch.alert.Silence;
import io.litewatch.alert.channel.ChannelRegistry;
import io.litewatch.alert.channel.NotificationChannel;
import io.litewatch.alert.outbox.OutboxMessage;
import io.litewatch.alert.outbox.OutboxRepository;
import io.litewatch.config.LitewatchProperties;
import io.litewatch.time.GoDuration;
import io.litewatch.time.HumanDuration;
import io.litewatch.health.FindingCode;

/**
 * {@code /alerts} (page) and {@code /api/alerts} (JSON): alerts, deliveries, channels,
 * silences. Its POSTs need the operator role and Spring Security's CSRF token
 * (io.litewatch.security); nothing here checks either.
 */
@Controller
class AlertsController {

	static final String VIEW = "alerts";

	static final String LIVE_FRAGMENT = "alerts :: live";

	private final AlertRepository alerts;

	private final OutboxRepository outbox;

	private final ChannelRegistry channels;

	private final AlertService service;

	private final Clock clock;

	private final AlertProperties policy;

	private final Duration pollInterval;

	AlertsController(AlertRepository alerts, OutboxRepository outbox, ChannelRegistry channels, AlertService service,
			Clock clock, AlertProperties policy, LitewatchProperties properties) {
		this.pollInterval = properties.pollInterval();
		this.alerts = alerts;
		this.outbox = outbox;
		this.channels = channels;
		this.service = service;
		this.clock = clock;
		this.policy = policy;
	}

	public record AlertView(String database, String replica, String code, String severity, String state, String message,
			String firstSeenAt, String firedAt, String notifiedAt, boolean silenced) {
	}

	public record ResolvedView(String database, String replica, String code, String severity, String message,
			String firedAt, String resolvedAt, double durationSeconds, boolean notified) {
	}

	public record DeliveryView(String id, String notificationId, String channel, String event, String database,
			String severity, String subject, String status, int attempts, String createdAt, String lastAttemptAt,
			String nextAttemptAt, String sentAt, String lastError) {
	}

	public record ChannelView(String name, String type, String target, String minimumSeverity, String lastStatus,
			String lastAttemptAt, String lastError) {
	}

	public record SilenceView(String id, String database, String code, String reason, String createdAt, String endsAt) {
	}

	public record AlertsView(List<AlertView> active, List<ResolvedView> resolved, List<DeliveryView> deliveries,
			List<ChannelView> channels, List<SilenceView> silences) {
	}

	AlertsView view() {
		Instant now = clock.instant();
		List<Silence> silences = alerts.activeSilences(now);
		List<AlertView> active = new ArrayList<>();
		for (AlertState s : alerts.states().values()) {
			boolean silenced = silences.stream().anyMatch((x) -> x.covers(s.database(), s.code(), now));
			active.add(new AlertView(s.database(), s.replica(), s.code().name(), lower(s.severity()), lower(s.phase()),
					s.message(), text(s.firstSeenAt()), text(s.firedAt()), text(s.notifiedAt()), silenced));
		}
		active.sort(Comparator.comparing(AlertView::state).thenComparing(AlertView::database));
		List<ResolvedView> resolved = alerts.resolved(50)
			.stream()
			.map((r) -> new ResolvedView(r.database(), r.replica(), r.code().name(), lower(r.severity()), r.message(),
					text(r.firedAt()), text(r.resolvedAt()),
					Duration.between(r.firstSeenAt(), r.resolvedAt()).toMillis() / 1000.0, r.notified()))
			.toList();
		List<OutboxMessage> recent = outbox.recent(100);
		List<DeliveryView> deliveries = recent.stream()
			.map((m) -> new DeliveryView(m.id(), m.notificationId(), m.channel(), lower(m.event()), m.database(),
					lower(m.severity()), m.message().subject(), lower(m.status()), m.attempts(), text(m.createdAt()),
					text(m.lastAttemptAt()),
					m.status() == OutboxMessage.Status.PENDING ? text(m.nextAttemptAt()) : null, text(m.sentAt()),
					m.lastError()))
			.toList();
		Map<String, OutboxMessage> lastByChannel = new LinkedHashMap<>();
		for (OutboxMessage m : recent) {
			if (m.lastAttemptAt() != null) {
				lastByChannel.putIfAbsent(m.channel(), m);
			}
		}
		List<ChannelView> channelViews = new ArrayList<>();
		for (NotificationChannel c : channels.all()) {
			OutboxMessage last = lastByChannel.get(c.name());
			channelViews.add(new ChannelView(c.name(), c.type(), c.target(), lower(c.minimumSeverity()),
					last != null ? (last.status() == OutboxMessage.Status.SENT ? "delivered" : "failed") : null,
					last != null ? text(last.lastAttemptAt()) : null,
					last != null && last.status() != OutboxMessage.Status.SENT ? last.lastError() : null));
		}
		List<SilenceView> silenceViews = silences.stream()
			.map((s) -> new SilenceView(s.id(), s.database(), s.code() != null ? s.code().name() : null, s.reason(),
					text(s.createdAt()), text(s.endsAt())))
			.toList();
		return new AlertsView(active, resolved, deliveries, channelViews, silenceViews);
	}

	@GetMapping("/api/alerts")
	@ResponseBody
	AlertsView json() {
		return view();
	}

	@GetMapping("/alerts")
	String page(@RequestHeader(name = "HX-Request", required = false) String htmx,
			@RequestHeader(name = "HX-History-Restore-Request", required = false) String restore, Model model) {
		page(model);
		// The page re-requests its live part every poll; a history restore wants it all.
		return "true".equals(htmx) && !"true".equals(restore) ? LIVE_FRAGMENT : VIEW;
	}

	private String page(Model model) {
		AlertsView view = view();
		model.addAttribute("alerts", view);
		model.addAttribute("codes", FindingCode.values());
		model.addAttribute("now", PollClock.iso(clock.instant()));
		model.addAttribute("refreshSeconds", Math.max(1, pollInterval.toSeconds()));
		model.addAttribute("favicon", favicon(view));
		return VIEW;
	}

	/** The tab's icon on this page: the worst alert firing and not silenced. */
	static String favicon(AlertsView view) {
		RowState worst = RowState.OK;
		for (AlertView a : view.active()) {
			if ("firing".equals(a.state()) && !a.silenced()) {
				RowState s = "critical".equals(a.severity()) ? RowState.CRITICAL : RowState.WARNING;
				worst = s.compareTo(worst) < 0 ? s : worst;
			}
		}
		return worst.label();
	}

	@PostMapping("/alerts/silences")
	String silence(@RequestParam(required = false) String database, @RequestParam(required = false) String code,
			@RequestParam String duration, @RequestParam(required = false) String reason, HttpServletResponse response,
			Model model, RedirectAttributes redirect) {
		Duration length;
		FindingCode findingCode;
		Silence silence;
		try {
			length = parse("duration", duration, GoDuration::parse, "a duration like 2h or 30m");
			findingCode = code == null || code.isBlank() ? null
					: parse("code", code, FindingCode::valueOf, "a finding code such as REPLICA_STALE");
			silence = Silence.starting(database == null || database.isBlank() ? null : database, findingCode, reason,
					clock.instant(), length, policy.silenceMaxDuration());
		}
		catch (IllegalArgumentException ex) {
			// Refused with its reason on the page itself (400, so a script sees it too).
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("message", ex.getMessage());
			model.addAttribute("refused", true);
			return page(model);
		}
		alerts.addSilence(silence);
		redirect.addFlashAttribute("message", "Silenced for " + HumanDuration.compact(length) + ".");
		return "redirect:/alerts";
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
	String expire(@PathVariable String id, RedirectAttributes redirect) {
		if (!alerts.expireSilence(id, clock.instant())) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no active silence " + id);
		}
		redirect.addFlashAttribute("message", "Silence ended.");
		return "redirect:/alerts";
	}

	@PostMapping("/alerts/channels/{name}/test")
	String test(@PathVariable String name, RedirectAttributes redirect) {
		if (!service.sendTest(name)) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no channel " + name);
		}
		redirect.addFlashAttribute("message", "Test notification queued for " + name + ".");
		return "redirect:/alerts";
	}

	private static String lower(Enum<?> value) {
		return value != null ? value.name().toLowerCase(Locale.ROOT) : null;
	}

	private static String text(Instant instant) {
		return instant != null ? instant.toString() : null;
	}

}
