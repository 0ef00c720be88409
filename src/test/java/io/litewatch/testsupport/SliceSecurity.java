package io.litewatch.testsupport;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;

import io.litewatch.security.AccessProperties;
import io.litewatch.security.LoginThrottleProperties;
import io.litewatch.security.OidcProperties;
import io.litewatch.security.ProxyHeaderProperties;
import io.litewatch.security.SecurityConfiguration;

/**
 * Litewatch's own filter chain in a {@code @WebMvcTest} slice, which would otherwise get
 * Spring Boot's default one: the slice then sees the real rules (logins, roles, CSRF,
 * headers). Requests sign in with {@code @WithMockUser} or {@code user(…)}.
 */
@TestConfiguration(proxyBeanMethods = false)
@EnableConfigurationProperties({ AccessProperties.class, LoginThrottleProperties.class, ProxyHeaderProperties.class,
		OidcProperties.class })
@Import(SecurityConfiguration.class)
public class SliceSecurity {

}
