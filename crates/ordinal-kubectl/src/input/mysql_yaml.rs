//! The mysql workload the cattle-and-pets texts compare: a ReplicaSet, Deployment or StatefulSet
//! whose one container keeps `/var/lib/mysql` on a volume named `data`. One macro, so the
//! scenarios' and challenges' variants differ only where they mean to.

/// A `apps/v1` `kind` named `name` (also its `app` label), with lines after `metadata.name`, lines
/// at the top of the spec, `replicas`, and what follows the container in the pod spec or the set's
/// spec (its `volumes:` or `volumeClaimTemplates:`).
#[macro_export]
macro_rules! mysql_yaml {
    ($kind:literal, $name:literal, $meta:literal, $spec:literal, $replicas:literal, $tail:literal) => {
        concat!(
            "apiVersion: apps/v1\nkind: ",
            $kind,
            "\nmetadata:\n  name: ",
            $name,
            "\n",
            $meta,
            "spec:\n",
            $spec,
            "  replicas: ",
            $replicas,
            "\n  selector:\n    matchLabels:\n      app: ",
            $name,
            "\n  template:\n    metadata:\n      labels:\n        app: ",
            $name,
            r#"
    spec:
      containers:
      - name: mysql
        image: mysql:8.0
        volumeMounts:
        - name: data
          mountPath: /var/lib/mysql
"#,
            $tail
        )
    };
}
