package io.litewatch.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a bad {@code litewatch.security.*} setting into Spring Boot's short "APPLICATION
 * FAILED TO START" report (what is wrong, what to do) instead of a stack trace that
 * buries it. Registered in {@code META-INF/spring.factories}.
 */
class AccessConfigFailureAnalyzer extends AbstractFailureAnalyzer<AccessConfigException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, AccessConfigException cause) {
		return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
	}

}
