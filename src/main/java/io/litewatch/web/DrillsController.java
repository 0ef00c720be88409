package io.litewatch.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.DateTimeException;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.litewatch.audit.AuditAction;
import io.litewatch.audit.AuditLog;
import io.litewatch.drill.DrillRepository;
import io.litewatch.drill.DrillRunner;

/**
 * "Run a drill now" (operators; audited) and the drills' evidence export, per database
 * and period, as JSON or CSV.
 */
@Controller
class DrillsController {

	/** The longest period one export covers. */
	static final Duration MAX_PERIOD = Duration.ofDays(400);

	/**
	 * The most drills one export lists: 400 days of daily drills of a dozen replicas fit,
	 * and even with every failed drill's output it stays a few MB.
	 */
	static final int MAX_ROWS = 5_000;

	private final DrillRunner runner;

	private final DrillRepository drills;

	private final AuditLog audit;

	private final Clock clock;

	DrillsController(DrillRunner runner, DrillRepository drills, AuditLog audit, Clock clock) {
		this.runner = runner;
		this.drills = drills;
		this.audit = audit;
		this.clock = clock;
	}

	@PostMapping("/databases/{name}/drills")
	String runNow(@PathVariable String name, Authentication who, HttpServletRequest request,
			RedirectAttributes redirect) {
		switch (runner.request(name)) {
			case QUEUED -> {
				audit.record(who != null ? who.getName() : null, AuditAction.DRILL_REQUESTED, name, null,
						request.getRemoteAddr());
				redirect.addFlashAttribute("message", "A restore drill of " + name
						+ " is queued; it starts within seconds and shows here when done.");
			}
			case ALREADY_PENDING ->
				redirect.addFlashAttribute("message", "A drill of " + name + " is already queued or running.");
			case DRILLS_OFF -> throw new ResponseStatusException(HttpStatus.CONFLICT,
					"Restore drills are off for " + name + " (litewatch.drills).");
			case NO_POLL_YET -> throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
					"No poll has completed yet; ask again in a few seconds.");
			case UNKNOWN_DATABASE -> throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no database " + name);
		}
		return "redirect:/databases/{name}#drills";
	}

	@GetMapping("/api/drills/{name}")
	@ResponseBody
	ResponseEntity<?> export(@PathVariable String name, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(defaultValue = "json") String format) {
		Instant end;
		Instant start;
		try {
			end = to == null || to.isBlank() ? clock.instant() : Instant.parse(to.strip());
			start = from == null || from.isBlank() ? end.minus(Duration.ofDays(90)) : Instant.parse(from.strip());
			// Stored as epoch milliseconds: an instant beyond them is no period on
			// record.
			start.toEpochMilli();
			end.toEpochMilli();
		}
		catch (DateTimeException | ArithmeticException ex) {
			return refusal("from and to are instants like 2026-12-01T00:00:00Z.");
		}
		if (!start.isBefore(end) || Duration.between(start, end).compareTo(MAX_PERIOD) > 0) {
			return refusal("The period must start before it ends and cover at most 400 days.");
		}
		List<DrillEvidence> rows = drills.between(name, start, end, MAX_ROWS + 1)
			.stream()
			.map(DrillEvidence::of)
			.toList();
		if (rows.size() > MAX_ROWS) {
			return refusal("The period holds more than " + MAX_ROWS + " drills; ask for a shorter one (from, to).");
		}
		String file = "litewatch-drills-" + name.replaceAll("[^A-Za-z0-9._-]", "_") + "-"
				+ start.toString().substring(0, 10) + "-" + end.toString().substring(0, 10);
		if ("csv".equals(format)) {
			StringBuilder csv = new StringBuilder(String.join(",", DrillEvidence.CSV_COLUMNS)).append("\r\n");
			for (DrillEvidence row : rows) {
				csv.append(row.csvValues().stream().map(DrillEvidence::csvField).collect(Collectors.joining(",")))
					.append("\r\n");
			}
			return ResponseEntity.ok()
				.contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
				.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + file + ".csv\"")
				.body(csv.toString());
		}
		if (!"json".equals(format)) {
			return refusal("format is json or csv.");
		}
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + file + ".json\"")
			.body(new Export(name, StatusView.text(start), StatusView.text(end), rows.size(), rows));
	}

	private static ResponseEntity<?> refusal(String why) {
		return ResponseEntity.badRequest().body(new Refusal(why));
	}

	record Export(String database, String from, String to, int count, List<DrillEvidence> drills) {
	}

	record Refusal(String error) {
	}

}
