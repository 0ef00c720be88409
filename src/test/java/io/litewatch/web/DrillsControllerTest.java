package io.litewatch.web;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

import io.litewatch.audit.AuditLog;
import io.litewatch.audit.AuditRepository;
import io.litewatch.config.LitewatchProperties;
import io.litewatch.docker.LocalAccessory;
import io.litewatch.drill.DrillPlanner;
import io.litewatch.drill.DrillProperties;
import io.litewatch.drill.DrillRecord;
import io.litewatch.drill.DrillRepository;
import io.litewatch.drill.DrillResult;
import io.litewatch.drill.DrillRunner;
import io.litewatch.drill.RestoreDrill;
import io.litewatch.poll.LatestPoll;
import io.litewatch.poll.Publish;
import io.litewatch.testsupport.MigratedSqlite;
import io.litewatch.testsupport.SliceSecurity;
import io.litewatch.testsupport.TestClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** "Run a drill now" and the evidence export, on a migrated SQLite file. */
@WebMvcTest(DrillsController.class)
@Import({ SliceSecurity.class, DrillsControllerTest.Beans.class })
class DrillsControllerTest {

	@TempDir
	static Path dir;

	@TestConfiguration(proxyBeanMethods = false)
	@EnableConfigurationProperties(LitewatchProperties.class)
	static class Beans {

		@Bean
		TestClock clock() {
			return new TestClock(PollScenarios.NOW);
		}

		@Bean
		DataSource dataSource() {
			return MigratedSqlite.create(dir.resolve("litewatch.db"), Duration.ofSeconds(5));
		}

		@Bean
		DrillRepository drillRepository(DataSource dataSource) {
			return new DrillRepository(JdbcClient.create(dataSource), JsonMapper.builder().build());
		}

		@Bean
		AuditLog auditLog(DataSource dataSource, TestClock clock) {
			return new AuditLog(new AuditRepository(JdbcClient.create(dataSource)), clock);
		}

		@Bean
		DrillRunner drillRunner(DrillRepository repository, TestClock clock) {
			LatestPoll latest = new LatestPoll();
			Publish.poll(latest, PollScenarios.poll(PollScenarios.RUNNING, PollScenarios.healthy("production")));
			DrillProperties properties = new DrillProperties(true, Duration.ofHours(24), Duration.ofMinutes(10),
					Duration.ofHours(1), Duration.ofMinutes(10), Duration.ofMinutes(15), dir.resolve("drills"), null,
					Duration.ofDays(400), Map.of());
			// Never ticks here: the schedule is not started, so the binary is never run.
			RestoreDrill drill = new RestoreDrill(new LocalAccessory("litestream", Map.of()), dir.resolve("l.yml"),
					dir.resolve("drills"), Duration.ofSeconds(5), clock);
			return new DrillRunner(latest, drill, repository, new DrillPlanner(properties, new Random(1)), properties,
					clock);
		}

	}

	@Autowired
	MockMvc mvc;

	@Autowired
	DrillRepository drills;

	@Autowired
	DrillRunner runner;

	@Autowired
	AuditLog audit;

	@Test
	@WithMockUser(username = "op", roles = { "OPERATOR", "VIEWER" })
	void anOperatorQueuesADrillOnceAndItIsAudited() throws Exception {
		int before = audit.recent(100).size();
		mvc.perform(post("/databases/production/drills").with(csrf()))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl("/databases/production#drills"));
		assertThat(runner.pending("production")).isTrue();
		assertThat(audit.recent(100)).hasSize(before + 1);
		assertThat(audit.recent(1).get(0).detail()).isNull();
		assertThat(audit.recent(1).get(0).target()).isEqualTo("production");

		mvc.perform(post("/databases/production/drills").with(csrf())).andExpect(status().is3xxRedirection());
		assertThat(audit.recent(100)).as("queued once").hasSize(before + 1);
		mvc.perform(post("/databases/nosuch/drills").with(csrf())).andExpect(status().isNotFound());
	}

	@Test
	@WithMockUser(username = "viewer", roles = "VIEWER")
	void aViewerCannotRunADrill() throws Exception {
		mvc.perform(post("/databases/production/drills").with(csrf())).andExpect(status().isForbidden());
	}

	@Test
	@WithMockUser(username = "viewer", roles = "VIEWER")
	void theEvidenceListsEveryDrillOfThePeriodAsJsonAndCsv() throws Exception {
		DrillResult passed = new DrillResult("cable", "s3", PollScenarios.NOW.minusSeconds(3600),
				Duration.ofMillis(181), DrillResult.Outcome.PASSED, 45056, "ok", Map.of("events", 20L, "users", 2L),
				null, null, "8f3a1c2b9d4e5f60",
				new DrillResult.NewestRow("events.created_at", PollScenarios.NOW.minusSeconds(3602)));
		DrillResult failed = new DrillResult("cable", "s3", PollScenarios.NOW.minusSeconds(60), Duration.ofMillis(78),
				DrillResult.Outcome.FAILED, 0, null, Map.of(),
				"The restore failed (exit 1): no snapshots available, \"really\"", "level=ERROR …", null);
		drills.insert(new DrillRecord("d1", DrillRecord.Trigger.SCHEDULED, passed, PollScenarios.NOW.minusSeconds(3601),
				Duration.ofMillis(600), null));
		drills.insert(new DrillRecord("d2", DrillRecord.Trigger.MANUAL, failed, null, null, null));

		mvc.perform(get("/api/drills/cable").param("from", "2026-11-01T00:00:00Z"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.count").value(2))
			.andExpect(jsonPath("$.drills[0].outcome").value("PASSED"))
			.andExpect(jsonPath("$.drills[0].rows").value(22))
			.andExpect(jsonPath("$.drills[0].achievedRpoSeconds").value(0.6))
			.andExpect(jsonPath("$.drills[0].newestRowAt").value(PollScenarios.NOW.minusSeconds(3602).toString()))
			.andExpect(jsonPath("$.drills[0].newestRowColumn").value("events.created_at"))
			.andExpect(jsonPath("$.drills[1].newestRowAt").doesNotExist())
			.andExpect(jsonPath("$.drills[1].outcome").value("FAILED"))
			.andExpect(jsonPath("$.drills[1].litestreamOutput").value("level=ERROR …"));
		String csv = mvc.perform(get("/api/drills/cable").param("format", "csv"))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Disposition", org.hamcrest.Matchers.containsString(".csv")))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(csv.split("\r\n")).hasSize(3);
		assertThat(csv).startsWith("id,database,replica,started_at,trigger,outcome,took_ms")
			.contains("d1,cable,s3,", ",PASSED,181,45056,ok,2,22,8f3a1c2b9d4e5f60,")
			.contains(",achieved_rpo_seconds,newest_row_at,newest_row_column,point_in_time_target,")
			.contains(",0.6," + PollScenarios.NOW.minusSeconds(3602) + ",events.created_at,")
			.contains("\"The restore failed (exit 1): no snapshots available, \"\"really\"\"\"");
		mvc.perform(get("/api/drills/cable").param("from", "yesterday"))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("instants like")));
		mvc.perform(get("/api/drills/cable").param("format", "xml")).andExpect(status().isBadRequest());
		mvc.perform(get("/api/drills/cable").param("from", "2025-01-01T00:00:00Z"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.error").value("The period must start before it ends and cover at most 400 days."));
		mvc.perform(get("/api/drills/cable").param("to", "+1000000000-01-01T00:00:00Z"))
			.andExpect(status().isBadRequest());
		mvc.perform(get("/api/drills/cable").param("to", "-1000000000-01-01T00:00:00Z"))
			.andExpect(status().isBadRequest());
	}

	@Test
	void aCsvFieldThatASpreadsheetWouldRunIsDefused() {
		assertThat(DrillEvidence.csvField("=HYPERLINK(\"http://x\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\"");
		assertThat(DrillEvidence.csvField("@SUM(A1)")).isEqualTo("'@SUM(A1)");
		assertThat(DrillEvidence.csvField("\tcmd")).isEqualTo("'\tcmd");
		assertThat(DrillEvidence.csvField(-0.5)).as("a number stays a number").isEqualTo("-0.5");
		assertThat(DrillEvidence.csvField("two\nlines")).isEqualTo("\"two\nlines\"");
	}

}
