//! `kubectl create deployment NAME --image=IMAGE… [--replicas=N] [--port=N] [-- COMMAND…]`
//! (create_deployment.go): labels and selector `app: NAME`, one container per image named
//! after the image.

use super::Kubectl;
use crate::errors::{command_failed, flag_error, usage_error, Failure};
use ordinal_sim::api::{
    Container, ContainerPort, Deployment, DeploymentSpec, LabelSelector, Labels, Object,
    ObjectMeta, PodSpec, PodTemplateSpec,
};

/// utilrand's alphabet (no vowels, no 0/1/3 that read like letters).
const ALPHABET: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";

/// An integer flag with pflag's message, which names the short form too (`-r, --replicas`).
fn int_flag(k: &Kubectl, shown: &str, long: &str, default: i64) -> Result<i64, Failure> {
    match k.flags.get(long) {
        None => Ok(default),
        Some(v) => v.parse().map_err(|_| {
            flag_error(
                "kubectl create deployment",
                &format!(
                    "invalid argument \"{v}\" for \"{shown}\" flag: strconv.ParseInt: parsing \"{v}\": invalid syntax"
                ),
            )
        }),
    }
}

/// sanitizeAndUniquify: `_` and `.` become `-`, and such a name gets five random characters
/// (here drawn from the name and the clock, so a replayed session names it the same).
fn sanitize_and_uniquify(name: &str, seed: u64) -> String {
    if !name.contains(['_', '.']) {
        return name.to_string();
    }
    let mut h: u64 = 0xcbf29ce484222325 ^ seed;
    for b in name.bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x100000001b3);
    }
    let suffix: String = (0..5)
        .map(|i| ALPHABET[((h >> (i * 8)) % ALPHABET.len() as u64) as usize] as char)
        .collect();
    format!("{}-{suffix}", name.replace(['_', '.'], "-"))
}

/// buildPodSpec's container name: the image's last path part without tag or digest.
pub fn container_name(image: &str, seed: u64) -> String {
    let last = image.rsplit('/').next().unwrap_or(image);
    let name = last.split(':').next().unwrap_or(last);
    let name = name.split('@').next().unwrap_or(name);
    sanitize_and_uniquify(name, seed)
}

/// The Deployment `create deployment` would send.
pub fn build(k: &Kubectl) -> Result<Object, Failure> {
    let images = k.flags.list("image");
    if images.is_empty() {
        return Err(command_failed(
            k.st.now(),
            "required flag(s) \"image\" not set",
        ));
    }
    let replicas = int_flag(k, "-r, --replicas", "replicas", 1)?;
    let port = int_flag(k, "--port", "port", -1)?;
    let args = &k.flags.args;
    let name = match args.get(1..).unwrap_or_default() {
        [one] => one.clone(),
        rest => {
            return Err(usage_error(
                "kubectl create deployment",
                &format!("exactly one NAME is required, got {}", rest.len()),
            ))
        }
    };
    let command = k.flags.after_dash.clone().unwrap_or_default();
    if images.len() > 1 && !command.is_empty() {
        return Err(Failure::client(
            "cannot specify multiple --image options and command",
        ));
    }
    let labels: Labels = [("app".to_string(), name.clone())].into_iter().collect();
    let mut containers: Vec<Container> = images
        .iter()
        .map(|image| Container {
            name: container_name(image, k.st.now()),
            image: image.clone(),
            command: command.clone(),
            ..Default::default()
        })
        .collect();
    if port >= 0 {
        if let Some(c) = containers.first_mut() {
            c.ports = vec![ContainerPort {
                container_port: port.clamp(0, i64::from(i32::MAX)) as i32,
                ..Default::default()
            }];
        }
    }
    let mut metadata = ObjectMeta::named(&k.namespace(), &name);
    metadata.labels = labels.clone();
    let mut template = PodTemplateSpec::default();
    template.metadata.labels = labels.clone();
    template.spec = PodSpec {
        containers,
        ..Default::default()
    };
    Ok(Object::Deployment(Deployment {
        metadata,
        spec: DeploymentSpec {
            replicas: Some(replicas.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32),
            selector: Some(LabelSelector {
                match_labels: labels,
                ..Default::default()
            }),
            template,
            ..Default::default()
        },
        ..Default::default()
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn container_names_come_from_the_image_as_create_deployment_names_them() {
        assert_eq!(container_name("nginx", 0), "nginx");
        assert_eq!(container_name("nginx:1.14.2", 0), "nginx");
        assert_eq!(container_name("registry.k8s.io/pause:3.9", 0), "pause");
        assert_eq!(container_name("busybox@sha256:abc", 0), "busybox");
        let odd = container_name("my_app.v2", 7);
        assert!(odd.starts_with("my-app-v2-"), "{odd}");
        assert_eq!(odd.len(), "my-app-v2-".len() + 5);
        assert!(odd[10..].bytes().all(|b| ALPHABET.contains(&b)), "{odd}");
    }
}
