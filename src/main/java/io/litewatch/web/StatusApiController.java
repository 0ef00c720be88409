package io.litewatch.web;

import java.security.Principal;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/status}: 200 while everything is ok or only warning, 503 when anything
 * is critical, nothing has been polled yet, or the polls stalled, so an uptime checker
 * can watch the status code alone. A signed-in user or a token gets the full JSON; an
 * anonymous client (let through only while {@code litewatch.security.status-access} is
 * public) gets {@link PublicStatusView}, with the same status code.
 * <p>
 * The bytes come from {@link StatusJson}, made once per poll. A 200 carries their ETag
 * and is answered 304 to a matching {@code If-None-Match}; {@code no-cache} lets a client
 * keep it but makes it ask every time, so nothing older than the last poll is shown.
 */
@RestController
class StatusApiController {

	private final StatusJson json;

	StatusApiController(StatusJson json) {
		this.json = json;
	}

	@GetMapping("/api/status")
	ResponseEntity<byte[]> status(Principal principal) {
		boolean full = principal != null;
		StatusJson.Answer answer = json.answer(full);
		CacheControl cache = full ? CacheControl.noCache().cachePrivate() : CacheControl.noCache();
		return ResponseEntity.status(answer.up() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
			.cacheControl(cache)
			.eTag(answer.etag())
			.contentType(MediaType.APPLICATION_JSON)
			.body(answer.body());
	}

}
