package io.litewatch.audit;

/** What an audit entry records; the names are stored, so they never change. */
public enum AuditAction {

	SIGN_IN("signed in"),

	SIGN_IN_FAILED("sign-in failed"),

	SIGN_OUT("signed out"),

	SILENCE_CREATED("created a silence"),

	SILENCE_ENDED("ended a silence"),

	TEST_NOTIFICATION_SENT("sent a test notification"),

	TEST_NOTIFICATION_REFUSED("was refused a test notification"),

	DRILL_REQUESTED("asked for a restore drill");

	private final String label;

	AuditAction(String label) {
		this.label = label;
	}

	/** For the page: "alice signed in". */
	public String label() {
		return label;
	}

}
