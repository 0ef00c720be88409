package io.litewatch.security;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;

import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * The TCP peer of a request, as it was before Tomcat's RemoteIpValve replaced
 * {@code getRemoteAddr()} with an address from {@code X-Forwarded-For}. Whether a request
 * came from a trusted proxy must be judged on the peer: a client on a private network (a
 * RemoteIpValve "internal proxy" by default) could otherwise send
 * {@code X-Forwarded-For: <the proxy's address>} and pass for the proxy.
 */
final class SocketPeer extends ValveBase {

	static final String ATTRIBUTE = SocketPeer.class.getName();

	SocketPeer() {
		super(true);
	}

	@Override
	public void invoke(Request request, Response response) throws IOException, ServletException {
		request.setAttribute(ATTRIBUTE, request.getRemoteAddr());
		getNext().invoke(request, response);
	}

	/** The peer's address, or null when the request did not pass the valve. */
	static String of(HttpServletRequest request) {
		return request.getAttribute(ATTRIBUTE) instanceof String peer ? peer : null;
	}

	/**
	 * Puts the valve first in the engine's pipeline, ahead of the RemoteIpValve that
	 * Spring Boot's own customizer (order 0) adds for
	 * {@code server.forward-headers-strategy: native}.
	 */
	static final class First implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

		@Override
		public void customize(TomcatServletWebServerFactory factory) {
			List<Valve> valves = new ArrayList<>();
			valves.add(new SocketPeer());
			valves.addAll(factory.getEngineValves());
			factory.setEngineValves(valves);
		}

		@Override
		public int getOrder() {
			return Ordered.LOWEST_PRECEDENCE;
		}

	}

}
