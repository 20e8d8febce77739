//! `web.yaml`, the StatefulSet tutorial's manifest (kubernetes.io, StatefulSet Basics), with the
//! few things a guided scenario or a challenge changes: one macro, so every variant is the
//! tutorial's text but for what it names. `web_yaml!("2", "")` plus the file's blank last line
//! is `manifests/web.yaml` (a test in the web crate checks it).

/// `web.yaml` with `replicas`, lines at the top of the set's spec, lines in the nginx
/// container, lines in the claim template's spec and its storage request (the short forms
/// default the last three to none, none and `1Gi`).
#[macro_export]
macro_rules! web_yaml {
    ($replicas:literal, $spec:literal) => {
        $crate::web_yaml!($replicas, $spec, "", "", "1Gi")
    };
    ($replicas:literal, $spec:literal, $container:literal) => {
        $crate::web_yaml!($replicas, $spec, $container, "", "1Gi")
    };
    ($replicas:literal, $spec:literal, $container:literal, $claim:literal, $size:literal) => {
        concat!(
            r#"apiVersion: v1
kind: Service
metadata:
  name: nginx
  labels:
    app: nginx
spec:
  ports:
  - port: 80
    name: web
  clusterIP: None
  selector:
    app: nginx
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: "nginx"
  replicas: "#,
            $replicas,
            "\n",
            $spec,
            r#"  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: registry.k8s.io/nginx-slim:0.21
        ports:
        - containerPort: 80
          name: web
"#,
            $container,
            r#"        volumeMounts:
        - name: www
          mountPath: /usr/share/nginx/html
  volumeClaimTemplates:
  - metadata:
      name: www
    spec:
      accessModes: [ "ReadWriteOnce" ]
"#,
            $claim,
            r#"      resources:
        requests:
          storage: "#,
            $size,
            "\n"
        )
    };
}
