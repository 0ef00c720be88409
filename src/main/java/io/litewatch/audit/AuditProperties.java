package io.litewatch.audit;

import java.time.Duration;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How long the audit log is kept ({@code litewatch.audit.*}).
 *
 * @param retention entries older than this go ({@code 0} keeps them, up to the count);
 * longer than the poll history by default, since audits ask "who silenced this last
 * quarter"
 * @param maxEntries the newest this many are kept, whatever their age: a flood of failed
 * sign-ins cannot fill the disk
 */
@ConfigurationProperties("litewatch.audit")
@Validated
public record AuditProperties(@DefaultValue("400d") Duration retention,
		@DefaultValue("100000") @Min(100) int maxEntries) {

}
