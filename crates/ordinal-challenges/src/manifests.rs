//! The challenges' own manifests: the StatefulSet tutorial's `web.yaml` at
//! `registry.k8s.io/nginx-slim:0.21` (as upstream's page has it), with one change each, so a
//! challenge never depends on the tutorial file the kubectl crate serves. Each is `ordinal_kubectl::web_yaml!` with the values it
//! changes.

/// Three replicas on the default (node-local) class.
pub const WEB_3: &str = ordinal_kubectl::web_yaml!("3", "", "", "", "1Gi");

/// The same set asking for 2Gi claims (the claim template cannot be changed in place).
pub const WEB_3_2GI: &str = ordinal_kubectl::web_yaml!("3", "", "", "", "2Gi");

/// A network disk that can follow its pod to any node (attached to one at a time).
pub const NETWORK_DISK: &str = r#"apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: network-disk
provisioner: pd.csi.storage.gke.io
volumeBindingMode: WaitForFirstConsumer
"#;

/// Three replicas whose claims are network disks.
pub const WEB_3_NETWORK: &str =
    ordinal_kubectl::web_yaml!("3", "", "", "      storageClassName: network-disk\n", "1Gi");

/// Readiness checked by fetching /index.html, which the empty claim mounted over nginx's html
/// directory does not have: the pods never become Ready.
pub const WEB_3_HTTP_PROBE: &str = ordinal_kubectl::web_yaml!(
    "3",
    "",
    "        readinessProbe:\n          httpGet:\n            path: /index.html\n            port: 80\n          periodSeconds: 2\n",
    "",
    "1Gi"
);

/// One replica whose readiness never passes (as above).
pub const WEB_1_HTTP_PROBE: &str = ordinal_kubectl::web_yaml!(
    "1",
    "",
    "        readinessProbe:\n          httpGet:\n            path: /index.html\n            port: 80\n          periodSeconds: 2\n",
    "",
    "1Gi"
);

/// A database as a Deployment whose data is an emptyDir: a new pod starts empty.
pub const DB_DEPLOYMENT: &str = ordinal_kubectl::mysql_yaml!(
    "Deployment",
    "db",
    "  labels:\n    app: db\n",
    "",
    "1",
    r#"      volumes:
      - name: data
        emptyDir: {}
"#
);
