package io.litewatch.web;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.info.GitProperties;
import org.springframework.stereotype.Component;

/**
 * Which Litewatch this is, from the build's own metadata (build-info and git.properties,
 * written by the Maven build); "dev" and null when run without them. Pages read it as
 * {@code ${@appVersion}}.
 */
@Component("appVersion")
public class AppVersion {

	private final String version;

	private final String commit;

	AppVersion(ObjectProvider<BuildProperties> build, ObjectProvider<GitProperties> git) {
		BuildProperties b = build.getIfAvailable();
		GitProperties g = git.getIfAvailable();
		this.version = b != null ? b.getVersion() : "dev";
		this.commit = g != null ? g.getShortCommitId() : null;
	}

	public String version() {
		return version;
	}

	public String commit() {
		return commit;
	}

}
