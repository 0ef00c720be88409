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

import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

import io.litewatch.alert.AlertRepository;
import io.litewatch.alert.AlertService;
import io.litewatch.alert.AlertState;
import io.litewatch.alert.Silence;
import io.litewatch.alert.channel.ChannelRegistry;
import io.litewatch.alert.channel.NotificationChannel;
import io.litewatch.alert.outbox.OutboxMessage;
import io.litewatch.alert.outbox.OutboxRepository;
import io.litewatch.alert.outbox.PendingOutbox;
import io.litewatch.audit.AuditEntry;
import io.litewatch.audit.AuditLog;
import io.litewatch.config.LitewatchProperties;
import io.litewatch.health.FindingCode;

/**
 * What the Alerts page and {@code /api/alerts} show, read from the alert store and the
 * audit log; {@link AlertsController} and {@link AlertActionsController} (which renders
 * the page again with a refusal) both fill their model here.
 */
@Component
class AlertsPage {

	static final String VIEW = "alerts";

	/** Entries of the audit log on the page; {@code /api/audit} gives more. */
	static final int AUDIT_SHOWN = 50;

	private final AlertRepository alerts;

	private final AlertService service;

	private final OutboxRepository outbox;

	private final PendingOutbox pending;

	private final ChannelRegistry channels;

	private final AuditLog audit;

	private final Clock clock;

	private final Duration pollInterval;

	AlertsPage(AlertRepository alerts, AlertService service, OutboxRepository outbox, PendingOutbox pending,
			ChannelRegistry channels, AuditLog audit, Clock clock, LitewatchProperties properties) {
		this.alerts = alerts;
		this.service = service;
		this.outbox = outbox;
		this.pending = pending;
		this.channels = channels;
		this.audit = audit;
		this.clock = clock;
		this.pollInterval = properties.pollInterval();
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

	public record SilenceView(String id, String database, String code, String reason, String scope, String createdBy,
			String createdAt, String endsAt) {
	}

	/** One audit entry; {@code label} is the action in words ("created a silence"). */
	public record AuditView(String at, String actor, String action, String label, String target, String detail,
			String address) {

		static AuditView of(AuditEntry e) {
			return new AuditView(e.at().toString(), e.actor(), e.action().name(), e.action().label(), e.target(),
					e.detail(), e.address());
		}

	}

	public record AlertsView(List<AlertView> active, List<ResolvedView> resolved, List<DeliveryView> deliveries,
			List<ChannelView> channels, List<SilenceView> silences) {
	}

	AlertsView view() {
		Instant now = clock.instant();
		List<Silence> silences = alerts.activeSilences(now);
		List<AlertView> active = new ArrayList<>();
		// As the machine holds them: the store may be behind while it refuses writes.
		for (AlertState s : service.states().values()) {
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
		// What the store does not hold yet first: decided (and maybe sent) while it
		// refused
		// writes.
		List<OutboxMessage> recent = new ArrayList<>(pending.unrecorded());
		recent.addAll(outbox.recent(100));
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
					s.scope(), s.createdBy(), text(s.createdAt()), text(s.endsAt())))
			.toList();
		return new AlertsView(active, resolved, deliveries, channelViews, silenceViews);
	}

	/** The newest first. */
	List<AuditView> audit(int limit) {
		return audit.recent(limit).stream().map(AuditView::of).toList();
	}

	/** The page's model; returns the full page's view name. */
	String fill(Model model) {
		AlertsView view = view();
		model.addAttribute("alerts", view);
		model.addAttribute("audit", audit(AUDIT_SHOWN));
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

	private static String lower(Enum<?> value) {
		return value != null ? value.name().toLowerCase(Locale.ROOT) : null;
	}

	private static String text(Instant instant) {
		return instant != null ? instant.toString() : null;
	}

}
