# Files are files: kubectl reads the manifests next to this script, as a shell started here would.
ls 11-files
kubectl apply -f 11-files/svc.yaml -f ./11-files/sts.yaml
kubectl get -f 11-files/sts.yaml
# A value kubectl expands itself: a glob (quoted, so the shell leaves it alone), or a comma list.
kubectl get -f '11-files/s*.yaml'
kubectl apply -f 11-files/svc.yaml,11-files/sts.yaml
kubectl rollout status statefulset/web
# A directory: its .json, .yaml and .yml files in lexical order; -R descends into subdirectories.
kubectl apply -f 11-files/config/
kubectl apply -f 11-files/config -R
kubectl get -f 11-files/config --recursive
kubectl delete -f 11-files/config -R
# What kubectl says about paths it cannot use.
kubectl apply -f 11-files/nope.yaml
kubectl get -f 11-files/nope.yaml -f missing/
kubectl get -f '11-files/nope*.yaml'
kubectl get -f '11-files/['
kubectl apply -f 11-files/docs
kubectl apply -f 11-files/docs -f 11-files/nope.yaml
kubectl create -f 11-files/config/README.txt -f 11-files/svc.yaml
cat 11-files/nope.yaml
kubectl apply -f https://k8s.io/examples/application/web/nope.yaml
# A file and a here-document on stdin, in one command.
kubectl apply -f 11-files/svc.yaml -f - <<EOF
apiVersion: v1
kind: ConfigMap
metadata:
  name: from-stdin
EOF
sleep 2
kubectl describe -f 11-files/svc.yaml
kubectl delete -f 11-files/sts.yaml -f 11-files/svc.yaml
