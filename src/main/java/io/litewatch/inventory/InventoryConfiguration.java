package io.litewatch.inventory;

import java.time.Clock;
import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.json.JsonMapper;

import io.litewatch.s3.S3ClientFactory;

/** Wires the background inventory: its store, the book the poll reads, the walker. */
@Configuration(proxyBeanMethods = false)
public class InventoryConfiguration {

	@Bean
	InventoryRepository inventoryRepository(JdbcClient jdbc) {
		return new InventoryRepository(jdbc, JsonMapper.builder().build());
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
