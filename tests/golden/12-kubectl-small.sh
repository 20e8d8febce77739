# Small kubectl commands: custom columns, label/annotate removal of prefixed keys, top without
# metrics-server, an API error with several causes, and taint. The out-of-service taint on a
# node that is shut down lets the pod GC delete its terminating pods (non-graceful shutdown).
kubectl apply -f web.yaml
sleep 30s
kubectl get pods -o custom-columns=NAME:.metadata.name,NODE:.spec.nodeName,IMAGES:.spec.containers[*].image,CLAIM:.spec.volumes[0].persistentVolumeClaim.claimName
kubectl get sts web -o custom-columns='NAME:metadata.name,READY:{.status.readyReplicas},SELECTOR:.spec.selector.matchLabels,MISSING:.spec.nope'
kubectl get pods -o custom-columns=NAME:.metadata.name --no-headers
cat > cols.txt <<EOF
NAME             IP
.metadata.name   .status.podIP
EOF
kubectl get pods -o custom-columns-file=cols.txt
kubectl get pods -o custom-columns
kubectl get pods -o custom-columns=NAME:.metadata.name,NODE
kubectl get pods -o custom-columns-file=nope.txt
kubectl annotate pod web-1 example.com/owner=team-a
kubectl annotate pod web-1 example.com/owner-
kubectl label pod web-1 example.com/tier=web
kubectl label pod web-1 example.com/tier-
kubectl label pod web-1 example.com/tier-
kubectl label pod web-1 a=b web-0
kubectl label pod web-1 app=nginx
kubectl label pod web-1 statefulset.kubernetes.io/pod-name-
sleep 2s
kubectl get pod web-1 -L statefulset.kubernetes.io/pod-name
kubectl top pod
kubectl top node node-1
kubectl top pod web-0 web-1
kubectl patch sts web -p '{"spec":{"selector":{"matchLabels":{"app":"x"}}}}'
kubectl taint nodes node-2 dedicated=db:NoSchedule
kubectl taint nodes node-2 dedicated=db:NoSchedule
kubectl taint nodes node-2 dedicated=web:NoSchedule --overwrite
kubectl get node node-2 -o jsonpath='{.spec.taints}{"\n"}'
kubectl taint nodes node-2 dedicated:NoSchedule-
kubectl taint nodes node-2 dedicated-
kubectl taint nodes node-2 dedicated=db:Sometimes
kubectl taint nodes node-2 dedicated=db
kubectl taint nodes node-2
kubectl taint nodes dedicated=db:NoSchedule
kubectl taint pods web-0 dedicated=db:NoSchedule
kubectl taint nodes node-9 dedicated=db:NoSchedule
kubectl taint nodes --all example.com/maintenance:PreferNoSchedule
kubectl get nodes -o custom-columns=NAME:.metadata.name,TAINTS:.spec.taints[*].key
kubectl taint nodes --all example.com/maintenance-
kubectl taint nodes --all -l a=b x:NoSchedule
sim node stop node-1
sleep 60s
kubectl get nodes
kubectl taint nodes node-1 node.kubernetes.io/out-of-service=nodeshutdown:NoExecute
kubectl get node node-1 -o custom-columns=NAME:.metadata.name,TAINTS:.spec.taints[*].key,EFFECTS:.spec.taints[*].effect
sleep 5s
kubectl get pods -o wide
sleep 30s
kubectl get pods -o wide
kubectl get events --field-selector involvedObject.name=web-0
