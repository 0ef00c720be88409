package io.litewatch.system;

/**
 * The innermost cause of a failure: the driver's or the socket's own words, which say
 * more than the wrappers around them.
 */
public final class RootCause {

	private RootCause() {
	}

	public static Throwable of(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root;
	}

}
