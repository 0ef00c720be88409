package io.litewatch.web;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.info.GitProperties;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static io.litewatch.web.PollScenarios.RUNNING;
import static io.litewatch.web.PollScenarios.healthy;
import static io.litewatch.web.PollScenarios.ltxHealthy;
import static io.litewatch.web.PollScenarios.poll;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * /api/status speaks each replica's layout: TXIDs and levels for 0.5, generations for
 * 0.3.
 */
class StatusViewLtxTest {

	final AppVersion version = new AppVersion(new StaticListableBeanFactory().getBeanProvider(BuildProperties.class),
			new StaticListableBeanFactory().getBeanProvider(GitProperties.class));

	@Test
	void aLitestream05ReplicaHasItsLayoutTxidsAndLevels() {
		JsonNode json = JsonMapper.builder()
			.build()
			.valueToTree(StatusView.of(poll(RUNNING, ltxHealthy("production"), healthy("queue")), false,
					Optional.empty(), version));
		JsonNode ltx = json.at("/databases/0/replicas/0");
		assertThat(ltx.get("status").asString()).isEqualTo("ok");
		assertThat(ltx.get("layout").asString()).isEqualTo("both");
		assertThat(ltx.at("/ltx/replicatedTxid").asString()).isEqualTo("0000000000000123");
		assertThat(ltx.at("/ltx/localTxid").asString()).isEqualTo("0000000000000123");
		assertThat(ltx.at("/ltx/snapshotTxid").asString()).isEqualTo("0000000000000100");
		assertThat(ltx.at("/ltx/chainComplete").asBoolean()).isTrue();
		assertThat(ltx.at("/ltx/levels/0/level").asInt()).isZero();
		assertThat(ltx.at("/ltx/levels/0/files").asInt()).isEqualTo(2);
		assertThat(ltx.get("lagSource").asString()).isEqualTo("litestream-txid");
		JsonNode v03 = json.at("/databases/1/replicas/0");
		assertThat(v03.get("layout").asString()).isEqualTo("0.3");
		assertThat(v03.get("ltx").isNull()).isTrue();
		assertThat(json.at("/accessory/litestreamDialect").asString()).isEqualTo("0.3");
	}

}
