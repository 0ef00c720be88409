package io.litewatch.inventory;

import java.time.Clock;
import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.TaskScheduler;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import io.litewatch.s3.S3ClientFactory;

/** Wires the background inventory: its store, the book the poll reads, the walker. */
@Configuration(proxyBeanMethods = false)
public class InventoryConfiguration {

	/**
	 * Unknown properties are skipped: a record's derived getters ({@code isEmpty}) are
	 * written too, and a later version may drop a field.
	 */
	static JsonMapper json() {
		return JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
	}

	@Bean
	InventoryRepository inventoryRepository(JdbcClient jdbc) {
		return new InventoryRepository(jdbc, json());
	}

	@Bean
	ListingMemoryKeeper listingMemoryKeeper(JdbcClient jdbc, TaskScheduler scheduler, Clock clock) {
		return new ListingMemoryKeeper(jdbc, json(), scheduler, clock);
	}

	@Bean
	InventoryBook inventoryBook(InventoryProperties properties, InventoryRepository repository, Clock clock) {
		return new InventoryBook(properties.enabled(), clock, properties.enabled() ? repository.load() : Map.of());
	}

	@Bean
	InventoryRunner inventoryRunner(InventoryProperties properties, InventoryBook book, InventoryRepository repository,
			S3ClientFactory clients, Clock clock) {
		return new InventoryRunner(properties, book, repository, clients, clock);
	}

}
