package io.litewatch.docker;

/**
 * One mount of the accessory container, as {@code docker run -v} would recreate it.
 *
 * @param volume the named volume, or null for a bind mount
 * @param source where it lives on the host: the bind's source, or the volume's directory
 * (e.g. {@code /var/lib/docker/volumes/myapp_storage/_data}); null when Docker did not
 * say
 * @param destination the path inside the container
 */
public record ContainerMount(String volume, String source, String destination, boolean readOnly) {

	/** Whether {@code path} inside the container lies on this mount. */
	public boolean holds(String path) {
		if (destination == null || path == null) {
			return false;
		}
		String dir = destination.endsWith("/") ? destination : destination + "/";
		return path.equals(destination) || path.startsWith(dir) || destination.equals("/");
	}

	/** Where {@code path} inside the container is on the host, or null when unknown. */
	public String hostPath(String path) {
		if (source == null || !holds(path)) {
			return null;
		}
		String rest = path.substring(destination.equals("/") ? 0 : destination.length());
		if (rest.isEmpty()) {
			return source;
		}
		return source.endsWith("/") ? source + rest.substring(1) : source + rest;
	}

}
