package io.litewatch.security;

import java.util.ArrayList;
import java.util.List;

import org.springframework.security.web.util.matcher.IpAddressMatcher;

/**
 * The addresses an authenticating proxy's requests come from
 * ({@code litewatch.security.proxy-header.trusted-proxies}): single addresses or CIDR
 * ranges, IPv4 or IPv6. Host names are refused: they would be looked up once, at start,
 * and a proxy's address changes with its container.
 */
final class TrustedProxies {

	private static final String SETTING = "litewatch.security.proxy-header.trusted-proxies";

	private final List<IpAddressMatcher> matchers;

	private TrustedProxies(List<IpAddressMatcher> matchers) {
		this.matchers = List.copyOf(matchers);
	}

	/**
	 * @throws AccessConfigException for an empty list, an entry that is no address or
	 * range, or one that covers every address
	 */
	static TrustedProxies of(List<String> entries) {
		if (entries.isEmpty()) {
			throw new AccessConfigException(
					"litewatch.security.proxy-header.user-header is set, but " + SETTING
							+ " is empty: Litewatch would not know which requests come from the proxy.",
					"Set " + SETTING + " to the proxy's address as Litewatch sees it (for example 127.0.0.1, or "
							+ "172.18.0.0/16 for a docker network), or remove user-header.");
		}
		List<IpAddressMatcher> matchers = new ArrayList<>();
		for (int i = 0; i < entries.size(); i++) {
			String entry = entries.get(i).strip();
			String where = SETTING + "[" + i + "] (" + entry + ")";
			if (!entry.matches("[0-9A-Fa-f:.]+(/\\d{1,3})?")) {
				throw new AccessConfigException(where + " is not an IP address or a CIDR range.",
						"Give addresses such as 127.0.0.1, 10.0.3.7 or ::1, or ranges such as 172.18.0.0/16; "
								+ "host names are not looked up.");
			}
			if (entry.endsWith("/0")) {
				throw new AccessConfigException(where + " covers every address: anyone could name any user.",
						"Give the proxy's own address or the smallest range that holds it.");
			}
			try {
				matchers.add(new IpAddressMatcher(entry));
			}
			catch (IllegalArgumentException ex) {
				throw new AccessConfigException(where + " is not an IP address or a CIDR range: " + ex.getMessage(),
						"Give addresses such as 127.0.0.1 or ::1, or ranges such as 172.18.0.0/16.");
			}
		}
		return new TrustedProxies(matchers);
	}

	/** Whether {@code peer}, a socket peer's address, is one of the proxies. */
	boolean trusts(String peer) {
		if (peer == null || peer.isEmpty()) {
			return false;
		}
		for (IpAddressMatcher matcher : matchers) {
			try {
				if (matcher.matches(peer)) {
					return true;
				}
			}
			catch (IllegalArgumentException ex) {
				return false;
			}
		}
		return false;
	}

}
