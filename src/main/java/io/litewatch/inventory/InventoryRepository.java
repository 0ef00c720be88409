package io.litewatch.inventory;

import java.util.HashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.json.JsonMapper;

/** Reads and writes {@code replica_inventory} of {@code V3__inventory.sql}. */
public class InventoryRepository {

	private static final Logger log = LoggerFactory.getLogger(InventoryRepository.class);

	private final JdbcClient jdbc;

	private final JsonMapper json;

	public InventoryRepository(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/** Every replica's stored state, by replica key. */
	public Map<String, ReplicaInventory> load() {
		Map<String, ReplicaInventory> all = new HashMap<>();
		jdbc.sql("SELECT replica_key, pass_json, figures_json FROM replica_inventory").query((rs) -> {
			String key = rs.getString("replica_key");
			String pass = rs.getString("pass_json");
			String figures = rs.getString("figures_json");
			try {
				all.put(key, ReplicaInventory.of(pass == null ? null : json.readValue(pass, InventoryPass.class),
						figures == null ? null : json.readValue(figures, InventoryFigures.class)));
			}
			catch (RuntimeException ex) {
				// Written by another version: walking again costs requests, not data.
				log.warn("ignoring the stored inventory of one replica, which this version cannot read: {}",
						ex.getMessage());
			}
		});
		return all;
	}

	public void save(String key, InventoryPass pass, InventoryFigures figures, long updatedAtMillis) {
		jdbc.sql("INSERT INTO replica_inventory (replica_key, pass_json, figures_json, updated_at) "
				+ "VALUES (:key, :pass, :figures, :at) ON CONFLICT (replica_key) DO UPDATE SET "
				+ "pass_json = excluded.pass_json, figures_json = excluded.figures_json, updated_at = excluded.updated_at")
			.param("key", key)
			.param("pass", pass == null ? null : json.writeValueAsString(pass), java.sql.Types.VARCHAR)
			.param("figures", figures == null ? null : json.writeValueAsString(figures), java.sql.Types.VARCHAR)
			.param("at", updatedAtMillis)
			.update();
	}

}
