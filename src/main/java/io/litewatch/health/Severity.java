package io.litewatch.health;

/** How bad a finding is. Order matters: later constants are worse. */
public enum Severity {

	WARNING, CRITICAL

}
