//! `--help` texts, shortened from kubectl's own and limited to what this terminal supports.

pub const ROOT: &str = "kubectl controls the Kubernetes cluster manager.

 Find more information at: https://kubernetes.io/docs/reference/kubectl/

Basic Commands (Beginner):
  create          Create a resource from a file or from stdin
  expose          Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service
  run             Run a particular image on the cluster
  set             Set specific features on objects

Basic Commands (Intermediate):
  explain         Get documentation for a resource
  get             Display one or many resources
  edit            Edit a resource on the server
  delete          Delete resources by file names, stdin, resources and names, or by resources and label selector

Deploy Commands:
  rollout         Manage the rollout of a resource
  scale           Set a new size for a deployment, replica set, or replication controller

Cluster Management Commands:
  top             Display resource (CPU/memory) usage
  cordon          Mark node as unschedulable
  uncordon        Mark node as schedulable
  drain           Drain node in preparation for maintenance
  taint           Update the taints on one or more nodes

Troubleshooting and Debugging Commands:
  describe        Show details of a specific resource or group of resources
  exec            Execute a command in a container

Advanced Commands:
  apply           Apply a configuration to a resource by file name or stdin
  patch           Update fields of a resource
  wait            Experimental: Wait for a specific condition on one or many resources

Settings Commands:
  label           Update the labels on a resource
  annotate        Update the annotations on a resource

Other Commands:
  api-resources   Print the supported API resources on the server
  config          Modify kubeconfig files
  version         Print the client and server version information

Usage:
  kubectl [flags] [options]

Use \"kubectl <command> --help\" for more information about a given command.
Simulator controls (nodes, probes, crashes, time) are under \"sim help\".
";

struct Doc {
    name: &'static str,
    text: &'static str,
}

const DOCS: &[Doc] = &[
    Doc {
        name: "get",
        text: "Display one or many resources.

 Prints a table of the most important information about the specified resources. You can filter the list using a label selector and the --selector flag. If the desired resource type is namespaced you will only see results in the current namespace unless you pass --all-namespaces.

Examples:
  # List all pods in ps output format
  kubectl get pods

  # List all pods in ps output format with more information (such as node name)
  kubectl get pods -o wide

  # Watch the pods of a stateful set as they change
  kubectl get pods -w -l app=nginx

  # List a single stateful set with specified NAME in JSON output format
  kubectl get -o json sts web

  # Return only the phase value of the specified pod
  kubectl get -o template pod/web-0 --template={{.status.phase}}

Options:
    -A, --all-namespaces=false: If present, list the requested object(s) across all namespaces.
    --field-selector='': Selector (field query) to filter on (metadata.name, status.phase, spec.nodeName ...).
    -f, --filename=[]: Filename, directory, or URL to files identifying the resource to get from a server.
    --ignore-not-found=false: If set to true, suppresses NotFound error for specific objects that do not exist.
    -L, --label-columns=[]: Accepts a comma separated list of labels that are going to be presented as columns.
    --no-headers=false: When using the default or custom-column output format, don't print headers.
    -o, --output='': Output format. One of: (json, yaml, name, go-template, jsonpath, wide).
    -l, --selector='': Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.
    --show-kind=false: If present, list the resource type for the requested object(s).
    --show-labels=false: When printing, show all labels as the last column.
    --sort-by='': If non-empty, sort list types using this field specification (a JSONPath expression).
    --template='': Template string to use when -o=go-template.
    -w, --watch=false: After listing/getting the requested object, watch for changes.
    --watch-only=false: Watch for changes to the requested object(s), without listing/getting first.
    --output-watch-events=false: Output watch event objects when --watch or --watch-only is used.

Usage:
  kubectl get [(-o|--output=)json|yaml|name|go-template|jsonpath|wide] (TYPE[.VERSION][.GROUP] [NAME | -l label] | TYPE[.VERSION][.GROUP]/NAME ...) [flags] [options]
",
    },
    Doc {
        name: "describe",
        text: "Show details of a specific resource or group of resources.

 Print a detailed description of the selected resources, including related resources such as events or controllers.

Examples:
  # Describe a pod
  kubectl describe pods/web-0

  # Describe all pods managed by the 'web' stateful set
  kubectl describe pods -l app=nginx

Options:
    -A, --all-namespaces=false: If present, list the requested object(s) across all namespaces.
    -f, --filename=[]: Filename, directory, or URL to files containing the resource to describe.
    -l, --selector='': Selector (label query) to filter on.
    --show-events=true: If true, display events related to the described object.

Usage:
  kubectl describe (-f FILENAME | TYPE [NAME_PREFIX | -l label] | TYPE/NAME) [options]
",
    },
    Doc {
        name: "apply",
        text: "Apply a configuration to a resource by file name or stdin. The resource name must be specified. This resource will be created if it doesn't exist yet. To use 'apply', always create the resource initially with either 'apply' or 'create --save-config'.

 JSON and YAML formats are accepted.

Examples:
  # Apply the configuration in web.yaml
  kubectl apply -f web.yaml

  # Apply the JSON passed into stdin to a pod
  cat pod.json | kubectl apply -f -

Options:
    --dry-run='none': Must be \"none\", \"server\", or \"client\".
    -f, --filename=[]: The files that contain the configurations to apply.
    -o, --output='': Output format. One of: (json, yaml, name, go-template, jsonpath).
    --server-side=false: If true, apply runs in the server instead of the client.

Usage:
  kubectl apply (-f FILENAME | -k DIRECTORY) [options]
",
    },
    Doc {
        name: "create",
        text: "Create a resource from a file or from stdin.

 JSON and YAML formats are accepted.

Examples:
  # Create a pod using the data in pod.json
  kubectl create -f ./pod.json

  # Create a namespace
  kubectl create namespace demo

  # Create a deployment named web that runs the nginx image
  kubectl create deployment web --image=nginx

Available Commands:
  configmap       Create a config map from a local file, directory or literal value
  deployment      Create a deployment with the specified name
  namespace       Create a namespace with the specified name

Options:
    --dry-run='none': Must be \"none\", \"server\", or \"client\".
    -f, --filename=[]: Filename, directory, or URL to files to use to create the resource.
    -o, --output='': Output format. One of: (json, yaml, name, go-template, jsonpath).
    --save-config=false: If true, the configuration of current object will be saved in its annotation.

Usage:
  kubectl create -f FILENAME [options]
",
    },
    Doc {
        name: "delete",
        text: "Delete resources by file names, stdin, resources and names, or by resources and label selector.

 Some resources, such as pods, support graceful deletion. These resources define a default period before they are forcibly terminated (the grace period) but you may override that value with the --grace-period flag, or pass --now to set a grace-period of 1. Because these resources often represent entities in the cluster, deletion may not be acknowledged immediately. If the node hosting a pod is down or cannot reach the API server, termination may take significantly longer than the grace period. To force delete a resource, you must specify the --force flag. Note: only a subset of resources support graceful deletion. In absence of the support, the --grace-period flag is ignored.

 IMPORTANT: Force deleting pods does not wait for confirmation that the pod's processes have been terminated, which can leave those processes running until the node detects the deletion and completes graceful deletion. If your processes use shared storage or talk to a remote API and depend on the name of the pod to identify themselves, force deleting those pods may result in multiple processes running on different machines using the same identification which may lead to data corruption or inconsistency. Only force delete pods when you are sure the pod is terminated, or if your application can tolerate multiple copies of the same pod running at once.

Examples:
  # Delete pods and services with same names \"baz\" and \"foo\"
  kubectl delete pod,service baz foo

  # Delete pods and services with label name=myLabel
  kubectl delete pods,services -l name=myLabel

  # Force delete a pod on a dead node
  kubectl delete pod web-0 --grace-period=0 --force

  # Delete a stateful set but keep its pods
  kubectl delete statefulset web --cascade=orphan

Options:
    --all=false: Delete all resources, in the namespace of the specified resource types.
    --cascade='background': Must be \"background\", \"orphan\", or \"foreground\".
    -f, --filename=[]: containing the resource to delete.
    --force=false: If true, immediately remove resources from API and bypass graceful deletion.
    --grace-period=-1: Period of time in seconds given to the resource to terminate gracefully.
    --ignore-not-found=false: Treat \"resource not found\" as a successful delete.
    --now=false: If true, resources are signaled for immediate shutdown (same as --grace-period=1).
    -l, --selector='': Selector (label query) to filter on.
    --timeout=0s: The length of time to wait before giving up on a delete (this simulator stops after 2m without one).
    --wait=true: If true, wait for resources to be gone before returning. This waits for finalizers.

Usage:
  kubectl delete ([-f FILENAME] | TYPE [(NAME | -l label | --all)]) [options]
",
    },
    Doc {
        name: "scale",
        text: "Set a new size for a deployment, replica set, replication controller, or stateful set.

 Scale also allows users to specify one or more preconditions for the scale action.

Examples:
  # Scale a replica set named 'foo' to 3
  kubectl scale --replicas=3 rs/foo

  # Scale a stateful set named 'web' to 5
  kubectl scale --replicas=5 statefulset/web

  # If the deployment named mysql's current size is 2, scale mysql to 3
  kubectl scale --current-replicas=2 --replicas=3 deployment/mysql

  # If the stateful set named web's current size is 2, scale it to 3
  kubectl scale --current-replicas=2 --replicas=3 sts/web

Options:
    --current-replicas=-1: Precondition for current size.
    --replicas=0: The new desired number of replicas. Required.
    --resource-version='': Precondition for resource version.

Usage:
  kubectl scale [--resource-version=version] [--current-replicas=count] --replicas=COUNT (-f FILENAME | TYPE NAME) [options]
",
    },
    Doc {
        name: "patch",
        text: "Update fields of a resource using strategic merge patch, a JSON merge patch, or a JSON patch.

 JSON and YAML formats are accepted.

Examples:
  # Partially update a stateful set using a strategic merge patch
  kubectl patch statefulset web -p '{\"spec\":{\"replicas\":3}}'

  # Update a container's image using a JSON patch with positional arrays
  kubectl patch statefulset web --type='json' -p='[{\"op\": \"replace\", \"path\": \"/spec/template/spec/containers/0/image\", \"value\":\"registry.k8s.io/nginx-slim:0.21\"}]'

Options:
    -p, --patch='': The patch to be applied to the resource JSON file.
    --patch-file='': A file containing a patch to be applied to the resource.
    --type='strategic': The type of patch being provided; one of [json merge strategic]

Usage:
  kubectl patch (-f FILENAME | TYPE NAME) [-p PATCH|--patch-file FILE] [options]
",
    },
    Doc {
        name: "edit",
        text: "Edit a resource from the default editor.

 The edit command allows you to directly edit any API resource you can retrieve via the command-line tools. It will open the editor defined by your KUBE_EDITOR, or EDITOR environment variables. This terminal has no editor: use \"kubectl patch\" or \"kubectl apply\" instead.

Usage:
  kubectl edit (RESOURCE/NAME | -f FILENAME) [options]
",
    },
    Doc {
        name: "label",
        text: "Update the labels on a resource.

  *  A label key and value must begin with a letter or number, and may contain letters, numbers, hyphens, dots, and underscores, up to 63 characters each.
  *  If --overwrite is true, then existing labels can be overwritten, otherwise attempting to overwrite a label will result in an error.

Examples:
  # Update pod 'web-0' with the label 'role' and the value 'primary'
  kubectl label pods web-0 role=primary

  # Remove a label named 'role' if it exists
  kubectl label pods web-0 role-

Options:
    --all=false: Select all resources, in the namespace of the specified resource types
    --overwrite=false: If true, allow labels to be overwritten.
    -l, --selector='': Selector (label query) to filter on.

Usage:
  kubectl label [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [options]
",
    },
    Doc {
        name: "annotate",
        text: "Update the annotations on one or more resources.

Examples:
  # Annotate pod 'web-0' with the annotation 'description' and the value 'my frontend'
  kubectl annotate pods web-0 description='my frontend'

Options:
    --overwrite=false: If true, allow annotations to be overwritten.

Usage:
  kubectl annotate [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [options]
",
    },
    Doc {
        name: "rollout",
        text: "Manage the rollout of one or many resources.

 Valid resource types include:

  *  deployments
  *  daemonsets
  *  statefulsets

Examples:
  # Roll back to the previous deployment
  kubectl rollout undo deployment/abc

  # Check the rollout status of a daemonset
  kubectl rollout status daemonset/foo

  # Restart a deployment
  kubectl rollout restart deployment/abc

Available Commands:
  history       View rollout history
  pause         Mark the provided resource as paused
  restart       Restart a resource
  resume        Resume a paused resource
  status        Show the status of the rollout
  undo          Undo a previous rollout

Usage:
  kubectl rollout SUBCOMMAND [options]
",
    },
    Doc {
        name: "rollout status",
        text: "Show the status of the rollout.

 By default 'rollout status' will watch the status of the latest rollout until it's done. If you don't want to wait for the rollout to finish then you can use --watch=false.

Examples:
  # Watch the rollout status of a deployment
  kubectl rollout status deployment/nginx

Options:
    --revision=0: Pin to a specific revision for showing its status. Defaults to 0 (last revision).
    --timeout=0s: The length of time to wait before ending watch, zero means never.
    -w, --watch=true: Watch the status of the rollout until it's done.

Usage:
  kubectl rollout status (TYPE NAME | TYPE/NAME) [flags] [options]
",
    },
    Doc {
        name: "rollout history",
        text: "View previous rollout revisions and configurations.

Examples:
  # View the rollout history of a deployment
  kubectl rollout history deployment/abc

  # View the details of daemonset revision 3
  kubectl rollout history daemonset/abc --revision=3

Options:
    --revision=0: See the details, including podTemplate of the revision specified

Usage:
  kubectl rollout history (TYPE NAME | TYPE/NAME) [flags] [options]
",
    },
    Doc {
        name: "rollout undo",
        text: "Roll back to a previous rollout.

Examples:
  # Roll back to the previous deployment
  kubectl rollout undo deployment/abc

  # Roll back to daemonset revision 3
  kubectl rollout undo daemonset/abc --to-revision=3

  # Roll back to the previous deployment with dry-run
  kubectl rollout undo --dry-run=server deployment/abc

Options:
    --to-revision=0: The revision to rollback to. Default to 0 (last revision).

Usage:
  kubectl rollout undo (TYPE NAME | TYPE/NAME) [flags] [options]
",
    },
    Doc {
        name: "rollout restart",
        text: "Restart a resource.

     Resource rollout will be restarted.

Examples:
  # Restart all deployments in the test-namespace namespace
  kubectl rollout restart deployment -n test-namespace

  # Restart a deployment
  kubectl rollout restart deployment/nginx

Usage:
  kubectl rollout restart RESOURCE [options]
",
    },
    Doc {
        name: "rollout pause",
        text: "Mark the provided resource as paused.

 Paused resources will not be reconciled by a controller. Use \"kubectl rollout resume\" to resume a paused resource. Currently only deployments support being paused.

Examples:
  # Mark the nginx deployment as paused
  # Any current state of the deployment will continue its function; new updates
  # to the deployment will not have an effect as long as the deployment is paused
  kubectl rollout pause deployment/nginx

Usage:
  kubectl rollout pause RESOURCE [options]
",
    },
    Doc {
        name: "rollout resume",
        text: "Resume a paused resource.

 Paused resources will not be reconciled by a controller. By resuming a resource, we allow it to be reconciled again. Currently only deployments support being resumed.

Examples:
  # Resume an already paused deployment
  kubectl rollout resume deployment/nginx

Usage:
  kubectl rollout resume RESOURCE [options]
",
    },
    Doc {
        name: "create deployment",
        text: "Create a deployment with the specified name.

Aliases:
deployment, deploy

Examples:
  # Create a deployment named my-dep that runs the busybox image
  kubectl create deployment my-dep --image=busybox

  # Create a deployment with a command
  kubectl create deployment my-dep --image=busybox -- date

  # Create a deployment named my-dep that runs the nginx image with 3 replicas
  kubectl create deployment my-dep --image=nginx --replicas=3

  # Create a deployment named my-dep that runs the busybox image and expose port 5701
  kubectl create deployment my-dep --image=busybox --port=5701

Options:
    --dry-run='none': Must be \"none\", \"server\", or \"client\".
    --image=[]: Image names to run. A deployment can have multiple images set for multi-container pod.
    -o, --output='': Output format. One of: (json, yaml, name, go-template, jsonpath).
    --port=-1: The containerPort that this deployment exposes.
    -r, --replicas=1: Number of replicas to create. Default is 1.

Usage:
  kubectl create deployment NAME --image=image -- [COMMAND] [args...] [options]
",
    },
    Doc {
        name: "set",
        text: "Configure application resources.

 These commands help you make changes to existing application resources.

Available Commands:
  image            Update the image of a pod template
  resources        Update resource requests/limits on objects with pod templates

Usage:
  kubectl set SUBCOMMAND [options]
",
    },
    Doc {
        name: "set image",
        text: "Update existing container image(s) of resources.

 Possible resources include (case insensitive):

        pod (po), replicationcontroller (rc), deployment (deploy), daemonset (ds), statefulset (sts), cronjob (cj), replicaset (rs)

Examples:
  # Set a deployment's nginx container image to 'nginx:1.9.1', and its busybox container image to 'busybox'
  kubectl set image deployment/nginx busybox=busybox nginx=nginx:1.9.1

  # Update all deployments' and rc's nginx container's image to 'nginx:1.9.1'
  kubectl set image deployments,rc nginx=nginx:1.9.1 --all

  # Update image of all containers of daemonset abc to 'nginx:1.9.1'
  kubectl set image daemonset abc *=nginx:1.9.1

Options:
    --all=false: Select all resources, in the namespace of the specified resource types
    --dry-run='none': Must be \"none\", \"server\", or \"client\".
    -f, --filename=[]: Filename, directory, or URL to files identifying the resource to get from a server.
    -l, --selector='': Selector (label query) to filter on.

Usage:
  kubectl set image (-f FILENAME | TYPE NAME) CONTAINER_NAME_1=CONTAINER_IMAGE_1 ... CONTAINER_NAME_N=CONTAINER_IMAGE_N [options]
",
    },
    Doc {
        name: "set resources",
        text: "Specify compute resource requirements (CPU, memory) for any resource that defines a pod template.  If a pod is successfully scheduled, it is guaranteed the amount of resource requested, but may burst up to its specified limits.

 For each compute resource, if a limit is specified and a request is omitted, the request will default to the limit.

 Possible resources include (case insensitive): Use \"kubectl api-resources\" for a complete list of supported resources..

Examples:
  # Set a deployments nginx container cpu limits to \"200m\" and memory to \"512Mi\"
  kubectl set resources deployment nginx -c=nginx --limits=cpu=200m,memory=512Mi

  # Set the resource request and limits for all containers in nginx
  kubectl set resources deployment nginx --limits=cpu=200m,memory=512Mi --requests=cpu=100m,memory=256Mi

Options:
    --all=false: Select all resources, in the namespace of the specified resource types
    -c, --containers='*': The names of containers in the selected pod templates to change, all containers are selected by default - may use wildcards
    --dry-run='none': Must be \"none\", \"server\", or \"client\".
    --limits='': The resource requirement requests for this container.  For example, 'cpu=100m,memory=256Mi'.  Note that server side components may assign requests depending on the server configuration, such as limit ranges.
    --requests='': The resource requirement requests for this container.  For example, 'cpu=100m,memory=256Mi'.  Note that server side components may assign requests depending on the server configuration, such as limit ranges.
    -l, --selector='': Selector (label query) to filter on.

Usage:
  kubectl set resources (-f FILENAME | TYPE NAME)  ([--limits=LIMITS & --requests=REQUESTS] [options]
",
    },
    Doc {
        name: "expose",
        text: "Expose a resource as a new Kubernetes service.

 Looks up a deployment, service, replica set, replication controller or pod by name and uses the selector for that resource as the selector for a new service on the specified port. A deployment or replica set will be exposed as a service only if its selector is convertible to a selector that service supports, i.e. when the selector contains only the matchLabels component. Note that if no port is specified via --port and the exposed resource has multiple ports, all will be re-used by the new service. Also if no labels are specified, the new service will re-use the labels from the resource it exposes.

 Possible resources include (case insensitive):

 pod (po), service (svc), replicationcontroller (rc), deployment (deploy), replicaset (rs)

Examples:
  # Create a service for an nginx deployment, which serves on port 80 and connects to the containers on port 8000
  kubectl expose deployment nginx --port=80 --target-port=8000

  # Create a service for a replicated nginx using replica set, which serves on port 80 and connects to the containers on port 8000
  kubectl expose rs nginx --port=80 --target-port=8000

Options:
    --cluster-ip='': ClusterIP to be assigned to the service. Leave empty to auto-allocate, or set to 'None' to create a headless service.
    --dry-run='none': Must be \"none\", \"server\", or \"client\".
    -l, --labels='': Labels to apply to the service created by this call.
    --name='': The name for the newly created object.
    --port='': The port that the service should serve on. Copied from the resource being exposed, if unspecified
    --protocol='': The network protocol for the service to be created. Default is 'TCP'.
    --selector='': A label selector to use for this service. Only equality-based selector requirements are supported. If empty (the default) infer the selector from the replication controller or replica set.)
    --target-port='': Name or number for the port on the container that the service should direct traffic to. Optional.
    --type='': Type for this service: ClusterIP, NodePort, LoadBalancer, or ExternalName. Default is 'ClusterIP'.

Usage:
  kubectl expose (-f FILENAME | TYPE NAME) [--port=port] [--protocol=TCP|UDP|SCTP] [--target-port=number-or-name] [--name=name] [--external-ip=external-ip-of-service] [--type=type] [options]
",
    },
    Doc {
        name: "cordon",
        text: "Mark node as unschedulable.

Examples:
  kubectl cordon node-1

Usage:
  kubectl cordon NODE [options]
",
    },
    Doc {
        name: "uncordon",
        text: "Mark node as schedulable.

Examples:
  kubectl uncordon node-1

Usage:
  kubectl uncordon NODE [options]
",
    },
    Doc {
        name: "drain",
        text: "Drain node in preparation for maintenance.

 The given node will be marked unschedulable to prevent new pods from arriving. 'drain' evicts the pods if the API server supports eviction. Otherwise, it will use normal DELETE to delete the pods. The 'drain' evicts or deletes all pods except mirror pods (which cannot be deleted through the API server). If there are daemon set-managed pods, drain will not proceed without --ignore-daemonsets, and regardless it will not delete any daemon set-managed pods, because those pods would be immediately replaced by the daemon set controller, which ignores unschedulable markings. If there are any pods that are neither mirror pods nor managed by a replication controller, replica set, daemon set, stateful set, or job, then drain will not delete any pods unless you use --force.

Examples:
  kubectl drain node-1 --ignore-daemonsets --delete-emptydir-data

Options:
    --delete-emptydir-data=false: Continue even if there are pods using emptyDir.
    --force=false: Continue even if there are pods that do not declare a controller.
    --grace-period=-1: Period of time in seconds given to each pod to terminate gracefully.
    --ignore-daemonsets=false: Ignore DaemonSet-managed pods.
    --timeout=0s: The length of time to wait before giving up, zero means infinite

Usage:
  kubectl drain NODE [options]
",
    },
    Doc {
        name: "exec",
        text: "Execute a command in a container.

Examples:
  # Get output from running the 'hostname' command from pod web-0, using the first container by default
  kubectl exec web-0 -- hostname

  # Switch to raw terminal mode; sends stdin to 'sh' in pod web-0 and sends stdout/stderr back to the client
  kubectl exec -it web-0 -- sh

Options:
    -c, --container='': Container name. If omitted, use the kubectl.kubernetes.io/default-container annotation for selecting the container to be attached or the first container in the pod will be chosen
    -i, --stdin=false: Pass stdin to the container
    -t, --tty=false: Stdin is a TTY

Usage:
  kubectl exec (POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...] [options]
",
    },
    Doc {
        name: "run",
        text: "Create and run a particular image in a pod.

Examples:
  # Start a busybox pod and keep it in the foreground, don't restart it if it exits
  kubectl run -i --tty --image busybox:1.28 dns-test --restart=Never --rm

Options:
    --image='': The image for the container to run.
    -i, --stdin=false: Keep stdin open on the container in the pod, even if nothing is attached.
    -t, --tty=false: Allocate a TTY for the container in the pod.
    --restart='Always': The restart policy for this Pod.  Legal values [Always, OnFailure, Never].
    --rm=false: If true, delete the pod after it exits.
    -l, --labels='': Comma separated labels to apply to the pod.

Usage:
  kubectl run NAME --image=image [--env=\"key=value\"] [--port=port] [--dry-run=server|client] [--overrides=inline-json] [--command] -- [COMMAND] [args...] [options]
",
    },
    Doc {
        name: "wait",
        text: "Experimental: Wait for a specific condition on one or many resources.

 The command takes multiple resources and waits until the specified condition is seen in the Status field of every given resource.

Examples:
  # Wait for the pod \"web-0\" to contain the status condition of type \"Ready\"
  kubectl wait --for=condition=Ready pod/web-0

  # Wait for the pod \"web-0\" to be deleted, with a timeout of 60s
  kubectl wait --for=delete pod/web-0 --timeout=60s

  # Wait for the stateful set to have 3 ready replicas
  kubectl wait --for=jsonpath='{.status.readyReplicas}'=3 sts/web

Options:
    --for='': The condition to wait on: [delete|condition=condition-name[=condition-value]|jsonpath='{JSONPath expression}'=[JSONPath value]|create].
    --timeout=30s: The length of time to wait before giving up.

Usage:
  kubectl wait ([-f FILENAME] | resource.group/resource.name | resource.group [(-l label | --all)]) [--for=create|--for=delete|--for condition=available|--for=jsonpath='{}'[=value]] [options]
",
    },
    Doc {
        name: "top",
        text: "Display resource (CPU/memory) usage.

 The top command allows you to see the resource consumption for nodes or pods.

 This command requires Metrics Server to be correctly configured and working on the server.

Available Commands:
  node          Display resource (CPU/memory) usage of nodes
  pod           Display resource (CPU/memory) usage of pods

Usage:
  kubectl top [flags] [options]

Use \"kubectl top <command> --help\" for more information about a given command.
",
    },
    Doc {
        name: "taint",
        text: "Update the taints on one or more nodes.

  *  A taint consists of a key, value, and effect. As an argument here, it is expressed as key=value:effect.
  *  The key must begin with a letter or number, and may contain letters, numbers, hyphens, dots, and underscores, up to 253 characters.
  *  Optionally, the key can begin with a DNS subdomain prefix and a single '/', like example.com/my-app.
  *  The value is optional. If given, it must begin with a letter or number, and may contain letters, numbers, hyphens, dots, and underscores, up to 63 characters.
  *  The effect must be NoSchedule, PreferNoSchedule or NoExecute.
  *  Currently taint can only apply to node.

Examples:
  # Update node 'foo' with a taint with key 'dedicated' and value 'special-user' and effect 'NoSchedule'
  # If a taint with that key and effect already exists, its value is replaced as specified
  kubectl taint nodes foo dedicated=special-user:NoSchedule

  # Remove from node 'foo' the taint with key 'dedicated' and effect 'NoSchedule' if one exists
  kubectl taint nodes foo dedicated:NoSchedule-

  # Remove from node 'foo' all the taints with key 'dedicated'
  kubectl taint nodes foo dedicated-

  # Let the pod GC delete the terminating pods of a node that is shut down
  kubectl taint nodes node-1 node.kubernetes.io/out-of-service=nodeshutdown:NoExecute

Options:
    --all=false: Select all nodes in the cluster
    --overwrite=false: If true, allow taints to be overwritten, otherwise reject taint updates that overwrite existing taints.
    -l, --selector='': Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2)

Usage:
  kubectl taint NODE NAME KEY_1=VAL_1:TAINT_EFFECT_1 ... KEY_N=VAL_N:TAINT_EFFECT_N [options]
",
    },
    Doc {
        name: "version",
        text: "Print the client and server version information for the current context.

Options:
    --client=false: If true, shows client version only (no server required).
    -o, --output='': One of 'yaml' or 'json'.

Usage:
  kubectl version [flags] [options]
",
    },
    Doc {
        name: "explain",
        text: "Describe fields and structure of various resources.

 This command describes the fields associated with each supported API resource. Fields are identified via a simple JSONPath identifier:

        <type>.<fieldName>[.<fieldName>]
        
 Information about each field is retrieved from the server in OpenAPI format.

Use \"kubectl api-resources\" for a complete list of supported resources.

Examples:
  # Get the documentation of the resource and its fields
  kubectl explain pods
  
  # Get all the fields in the resource
  kubectl explain pods --recursive
  
  # Get the explanation for deployment in supported api versions
  kubectl explain deployments --api-version=apps/v1
  
  # Get the documentation of a specific field of a resource
  kubectl explain pods.spec.containers
  
  # Get the documentation of resources in different format
  kubectl explain deployment --output=plaintext-openapiv2

Options:
    --api-version='':
	Use given api-version (group/version) of the resource.

    -o, --output='plaintext':
	Format in which to render the schema. Valid values are: (plaintext, plaintext-openapiv2).

    --recursive=false:
	When true, print the name of all the fields recursively. Otherwise, print the available fields with their description.

Usage:
  kubectl explain TYPE [--recursive=FALSE|TRUE] [--api-version=api-version-group] [-o|--output=plaintext|plaintext-openapiv2] [options]
",
    },
    Doc {
        name: "api-resources",
        text: "Print the supported API resources on the server.

Options:
    --namespaced=true: If false, non-namespaced resources will be returned, otherwise returning namespaced resources by default.
    --no-headers=false: When using the default or custom-column output format, don't print headers.
    -o, --output='': Output format. One of: (wide, name).

Usage:
  kubectl api-resources [flags] [options]
",
    },
    Doc {
        name: "config",
        text: "Modify kubeconfig files using subcommands like \"kubectl config set current-context my-context\".

Available Commands:
  current-context   Display the current-context
  get-contexts      Describe one or many contexts
  set-context       Set a context entry in kubeconfig
  view              Display merged kubeconfig settings or a specified kubeconfig file

Usage:
  kubectl config SUBCOMMAND [options]
",
    },
];

pub fn for_command(name: &str) -> Option<&'static str> {
    // `create deploy` is create deployment's alias.
    let name = if name == "create deploy" {
        "create deployment"
    } else {
        name
    };
    DOCS.iter().find(|d| d.name == name).map(|d| d.text)
}
