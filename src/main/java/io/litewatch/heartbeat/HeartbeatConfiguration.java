package io.litewatch.heartbeat;

import java.net.http.HttpClient;
import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.litewatch.system.HeartbeatHealth;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(HeartbeatProperties.class)
class HeartbeatConfiguration {

	/** Only with a URL: without one nothing listens to the polls for it. */
	@Bean
	@ConditionalOnProperty(prefix = "litewatch.heartbeat", name = "url")
	HeartbeatSender heartbeatSender(HeartbeatProperties settings, HeartbeatHealth health, Clock clock) {
		HttpClient client = HttpClient.newBuilder()
			.connectTimeout(settings.connectTimeout())
			.followRedirects(HttpClient.Redirect.NORMAL)
			.build();
		return new HeartbeatSender(settings, client, health, clock);
	}

}
