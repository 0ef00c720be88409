package io.litewatch.alert;

/** Why a notification is sent. */
public enum AlertEvent {

	/** Findings persisted long enough to fire. */
	FIRING,
	/** Still firing after the repeat interval. */
	REMINDER,
	/** Findings that were firing have cleared. */
	RESOLVED,
	/** An operator pressed "send test notification". */
	TEST

}
