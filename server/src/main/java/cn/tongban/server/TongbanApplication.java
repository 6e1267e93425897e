package cn.tongban.server;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The server: every module wired together. Started by {@link Tongban#main} when no command is given. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TongbanApplication {}
